package org.padlockmail.security;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identities a server certificate asserts, and the RFC 9525 check of a host name against them:
 * DNS names and IP addresses from subjectAltName only (no fallback to the common name), wildcards only
 * as the whole left-most label, never matching more than one label.
 */
public record CertificateNames(List<String> dnsNames, List<String> ipAddresses) {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    public CertificateNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public static CertificateNames of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            sans = null; // an unparsable extension asserts no identity
        }
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == SAN_DNS) {
                    dns.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                } else if (type == SAN_IP) {
                    ips.add((String) san.get(1));
                }
            }
        }
        return new CertificateNames(dns, ips);
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(ipAddresses);
        return all;
    }

    public boolean matches(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (isIpLiteral(h)) {
            byte[] wanted = ipBytes(h);
            return wanted != null && ipAddresses.stream().map(CertificateNames::ipBytes)
                    .anyMatch(presented -> presented != null && Arrays.equals(presented, wanted));
        }
        String name = asciiName(h);
        if (name == null) {
            return false;
        }
        return dnsNames.stream().anyMatch(pattern -> dnsMatches(pattern, name));
    }

    private static boolean dnsMatches(String presented, String host) {
        String pattern = stripTrailingDot(presented.toLowerCase(Locale.ROOT));
        if (!pattern.startsWith("*.")) {
            return !pattern.contains("*") && pattern.equals(host);
        }
        String suffix = pattern.substring(1); // ".example.org"
        // A wildcard needs at least two labels after it ("*.com" matches nothing) and no second '*'.
        if (suffix.contains("*") || suffix.chars().filter(c -> c == '.').count() < 2) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix);
    }

    private static String asciiName(String host) {
        try {
            return stripTrailingDot(IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    private static byte[] ipBytes(String literal) {
        if (!isIpLiteral(literal)) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal is parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
