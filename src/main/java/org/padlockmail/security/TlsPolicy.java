package org.padlockmail.security;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.interfaces.DHKey;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The TLS policy of SECURITY.md: which protocol versions and cipher suites are offered, and which
 * certificate keys and signatures are acceptable. It is applied to the socket before the handshake and
 * checked again after it, so that a JVM with looser defaults (or a locally trusted CA that signs with
 * SHA-1 or small keys, which Java accepts) never weakens it.
 */
public record TlsPolicy(List<String> protocols, List<String> cipherSuites, int minRsaBits, int minEcBits) {

    public static final String TLS_1_3 = "TLSv1.3";
    public static final String TLS_1_2 = "TLSv1.2";

    /** TLS 1.3 suites, then TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305 (RFC 9325). */
    public static final List<String> RECOMMENDED_CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Set<String> WEAK_DIGESTS = Set.of("MD2", "MD5", "SHA1", "SHA-1");

    public TlsPolicy {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty() || cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("a TLS policy needs at least one protocol and one cipher suite");
        }
    }

    public static TlsPolicy defaults() {
        return new TlsPolicy(List.of(TLS_1_3, TLS_1_2), RECOMMENDED_CIPHER_SUITES, 2048, 256);
    }

    /** The same policy with other cipher suites (a user may loosen this per account, with a visible warning). */
    public TlsPolicy withCipherSuites(List<String> suites) {
        return new TlsPolicy(protocols, suites, minRsaBits, minEcBits);
    }

    /** The same policy with TLS 1.2 dropped (a user may tighten the minimum version). */
    public TlsPolicy withMinimumProtocol(String minimum) {
        List<String> kept = TLS_1_3.equals(minimum) ? List.of(TLS_1_3) : protocols;
        return new TlsPolicy(kept, cipherSuites, minRsaBits, minEcBits);
    }

    /** True for AEAD suites with forward secrecy: every TLS 1.3 suite, and ECDHE/DHE with GCM, CCM or ChaCha20-Poly1305. */
    public static boolean isAeadWithForwardSecrecy(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CCM") || suite.contains("_CHACHA20_POLY1305_");
        return forwardSecret && aead;
    }

    /** Configures a socket before its handshake: versions, suites and the constraints on signatures and keys. */
    public void applyTo(SSLSocket socket) {
        List<String> supportedProtocols = Arrays.asList(socket.getSupportedProtocols());
        List<String> supportedSuites = Arrays.asList(socket.getSupportedCipherSuites());
        String[] enabledProtocols = protocols.stream().filter(supportedProtocols::contains).toArray(String[]::new);
        String[] enabledSuites = cipherSuites.stream().filter(supportedSuites::contains).toArray(String[]::new);
        if (enabledProtocols.length == 0 || enabledSuites.length == 0) {
            throw new IllegalStateException("this Java runtime supports none of the protocols or cipher suites of the policy");
        }
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(enabledProtocols);
        parameters.setCipherSuites(enabledSuites);
        parameters.setAlgorithmConstraints(new Constraints());
        socket.setSSLParameters(parameters);
    }

    /** The check after the handshake: empty when the session is within policy, else what is wrong. */
    public Optional<String> violation(SSLSession session) {
        if (!protocols.contains(session.getProtocol())) {
            return Optional.of("the server negotiated " + session.getProtocol() + ", which the policy does not allow");
        }
        if (!cipherSuites.contains(session.getCipherSuite())) {
            return Optional.of("the server negotiated the cipher suite " + session.getCipherSuite()
                    + ", which the policy does not allow");
        }
        return Optional.empty();
    }

    /**
     * Weak keys anywhere in the chain, and weak signatures below the trust anchor (a self-signed
     * certificate's signature on itself proves nothing, so it is not judged).
     */
    public List<CertificateProblem> chainProblems(List<X509Certificate> chain) {
        List<CertificateProblem> problems = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            String who = i == 0 ? "The server's certificate" : "The certificate of " + CertificateFacts.commonName(certificate);
            weakKey(certificate.getPublicKey()).ifPresent(reason ->
                    problems.add(new CertificateProblem(CertificateProblem.Kind.WEAK_KEY, who + " has " + reason + ".")));
            boolean selfSigned = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
            String signature = certificate.getSigAlgName(); // as the JDK's own algorithm constraints name it
            if (!selfSigned && usesWeakDigest(signature)) {
                problems.add(new CertificateProblem(CertificateProblem.Kind.WEAK_SIGNATURE,
                        who + " is signed with " + signature + ", which can be forged."));
            }
        }
        return problems;
    }

    private Optional<String> weakKey(Key key) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < minRsaBits) {
            return Optional.of("a " + rsa.getModulus().bitLength() + "-bit RSA key (at least " + minRsaBits + " needed)");
        }
        if (key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() < minEcBits) {
            return Optional.of("a " + ec.getParams().getCurve().getField().getFieldSize()
                    + "-bit EC key (at least " + minEcBits + " needed)");
        }
        if (key instanceof DSAKey) {
            return Optional.of("a DSA key, which is no longer considered safe");
        }
        if (key instanceof DHKey dh && dh.getParams().getP().bitLength() < minRsaBits) {
            return Optional.of("a " + dh.getParams().getP().bitLength() + "-bit Diffie-Hellman group");
        }
        return Optional.empty();
    }

    private static boolean usesWeakDigest(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        return WEAK_DIGESTS.stream().anyMatch(upper::contains);
    }

    public String describe() {
        boolean strong = cipherSuites.stream().allMatch(TlsPolicy::isAeadWithForwardSecrecy);
        return String.join(", ", protocols).replace("TLSv", "TLS ")
                + "; " + cipherSuites.size() + " cipher suites, "
                + (strong ? "all AEAD with forward secrecy" : "SOME WITHOUT AEAD OR FORWARD SECRECY (loosened for this account)")
                + "; keys RSA >= " + minRsaBits + " bits, EC >= " + minEcBits + " bits; no SHA-1 or MD5 signatures";
    }

    /**
     * Joins the JVM's own constraints (JSSE keeps applying those) and forbids SHA-1/MD5 signature
     * schemes and small keys in the handshake itself, e.g. a TLS 1.2 ServerKeyExchange signed with SHA-1.
     */
    private final class Constraints implements AlgorithmConstraints {
        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return !primitives.contains(CryptoPrimitive.SIGNATURE) || !usesWeakDigest(algorithm);
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return weakKey(key).isEmpty();
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return permits(primitives, algorithm, parameters) && permits(primitives, key);
        }
    }
}
