package org.padlockmail.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, made with BouncyCastle: CAs, leaves with any names, validity, key and
 * signature, and self-signed ones. Key pairs are generated once per kind and reused, because RSA key
 * generation would otherwise dominate the test run.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    private TestCertificates() {
    }

    /** What a certificate should look like; defaults: RSA 2048, SHA-256, valid from yesterday for 30 days. */
    public record Spec(String commonName, List<String> dnsNames, List<String> ipAddresses, Instant notBefore,
                       Instant notAfter, String keyType, int keyBits, String keyName, String signatureDigest) {

        public static Spec forHost(String... names) {
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            for (String name : names) {
                (Character.isDigit(name.charAt(0)) || name.contains(":") ? ips : dns).add(name);
            }
            Instant now = Instant.now();
            return new Spec(names.length > 0 ? names[0] : "test", dns, ips, now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(30)), "RSA", 2048, "leaf", "SHA256");
        }

        public Spec expired() {
            Instant now = Instant.now();
            return validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)));
        }

        public Spec notYetValid() {
            Instant now = Instant.now();
            return validity(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(60)));
        }

        public Spec validity(Instant from, Instant to) {
            return new Spec(commonName, dnsNames, ipAddresses, from, to, keyType, keyBits, keyName, signatureDigest);
        }

        public Spec rsa(int bits) {
            return new Spec(commonName, dnsNames, ipAddresses, notBefore, notAfter, "RSA", bits, keyName, signatureDigest);
        }

        public Spec ec() {
            return new Spec(commonName, dnsNames, ipAddresses, notBefore, notAfter, "EC", 256, keyName, signatureDigest);
        }

        public Spec sha1() {
            return new Spec(commonName, dnsNames, ipAddresses, notBefore, notAfter, keyType, keyBits, keyName, "SHA1");
        }

        /** Another key than the default one of its kind: for "the server's key changed". */
        public Spec otherKey() {
            return new Spec(commonName, dnsNames, ipAddresses, notBefore, notAfter, keyType, keyBits, keyName + "-other", signatureDigest);
        }
    }

    /** A certificate with its private key, and the chain a server presents (leaf first). */
    public record Credential(List<X509Certificate> chain, PrivateKey key) {

        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** A TLS server context presenting this chain. */
        public SSLContext serverContext() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = "test".toCharArray();
                store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The chain as PEM (leaf first) and the key as PKCS#8 PEM, as Dovecot and Postfix read them. */
        public void writePem(Path certificateFile, Path keyFile) throws IOException {
            Files.writeString(certificateFile, pem(chain.toArray()));
            Files.writeString(keyFile, pem(key));
        }
    }

    /** A certificate authority that issues leaves. */
    public record Authority(X509Certificate certificate, PrivateKey key) {

        public Credential issue(Spec spec) {
            KeyPair pair = keyPair(spec);
            X509Certificate leaf = sign(spec, pair, X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    key, false);
            return new Credential(List.of(leaf, certificate), pair.getPrivate());
        }

        public Path writePem(Path file) throws IOException {
            Files.writeString(file, pem(certificate));
            return file;
        }
    }

    public static Authority authority(String commonName) {
        Spec spec = Spec.forHost().validity(Instant.now().minus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(365)));
        spec = new Spec(commonName, List.of(), List.of(), spec.notBefore(), spec.notAfter(), "RSA", 2048, "ca-" + commonName, "SHA256");
        KeyPair pair = keyPair(spec);
        X509Certificate ca = sign(spec, pair, new X500Name("CN=" + commonName), pair.getPrivate(), true);
        return new Authority(ca, pair.getPrivate());
    }

    public static Credential selfSigned(Spec spec) {
        KeyPair pair = keyPair(spec);
        X509Certificate certificate = sign(spec, pair, new X500Name("CN=" + spec.commonName()), pair.getPrivate(), false);
        return new Credential(List.of(certificate), pair.getPrivate());
    }

    private static X509Certificate sign(Spec spec, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey, boolean ca) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore()), Date.from(spec.notAfter()),
                    new X500Name("CN=" + spec.commonName()), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            List<GeneralName> names = new ArrayList<>();
            spec.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            spec.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            String algorithm = spec.signatureDigest() + "with" + (issuerKey.getAlgorithm().equals("EC") ? "ECDSA" : "RSA");
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static KeyPair keyPair(Spec spec) {
        return KEYS.computeIfAbsent(spec.keyType() + spec.keyBits() + "/" + spec.keyName(), k -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.keyType());
                if (spec.keyType().equals("EC")) {
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                } else {
                    generator.initialize(spec.keyBits());
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String pem(Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object instanceof PrivateKey key
                        ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
            }
        }
        return text.toString();
    }
}
