package org.padlockmail.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo server's self-signed certificate: made once with BouncyCastle and kept in the configuration
 * folder, so that the certificate a newcomer pins is the one they meet the next time.
 */
public record DemoCertificate(Path keyStore, String password) {

    static final String ALIAS = "padlock-demo";
    private static final Duration VALIDITY = Duration.ofDays(825);

    /** Loads the certificate kept in {@code folder}, or makes and keeps a new one (also when the old one expired). */
    public static DemoCertificate inFolder(Path folder, Instant now) throws IOException {
        Path store = folder.resolve("demo-server.p12");
        Path passwordFile = folder.resolve("demo-server.password");
        if (Files.isRegularFile(store) && Files.isRegularFile(passwordFile)) {
            DemoCertificate kept = new DemoCertificate(store, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
            if (kept.certificate().getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(1)))) {
                return kept;
            }
        }
        Files.createDirectories(folder);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Padlock Mail demo server,O=Padlock Mail (demo)");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, DemoMailbox.HOST)}));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(null, null);
            p12.setKeyEntry(ALIAS, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            Path temporary = Files.createTempFile(folder, ".demo-server-", ".p12");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                p12.store(out, password.toCharArray());
            }
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IOException("Could not make the demo server's certificate: " + e.getMessage(), e);
        }
        return new DemoCertificate(store, password);
    }

    public X509Certificate certificate() throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(in, password.toCharArray());
            return (X509Certificate) p12.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IOException("The demo server's key store " + keyStore + " cannot be read: " + e.getMessage(), e);
        }
    }
}
