package org.padlockmail.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** What a user (and the connection report) needs to know about one certificate of a chain. */
public record CertificateFacts(
        String subject,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        List<String> subjectAltNames,
        String keyType,
        int keyBits,
        String signatureAlgorithm,
        String serialNumber,
        String sha256,
        String spkiSha256) {

    public CertificateFacts {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    public static CertificateFacts of(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        CertificateNames names = CertificateNames.of(certificate);
        return new CertificateFacts(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString(),
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()).toString(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                names.all(),
                key.getAlgorithm(),
                keyBits(key),
                certificate.getSigAlgName(), // the JDK's name, e.g. SHA256withECDSA
                certificate.getSerialNumber().toString(16),
                sha256(encoded(certificate)),
                spkiSha256(certificate));
    }

    public static List<CertificateFacts> ofChain(List<X509Certificate> chain) {
        return chain.stream().map(CertificateFacts::of).toList();
    }

    /** SHA-256 of the SubjectPublicKeyInfo: what a pin is made of, as in HPKP and DANE SPKI matching. */
    public static String spkiSha256(X509Certificate certificate) {
        return sha256(certificate.getPublicKey().getEncoded());
    }

    /** The common name of a certificate's subject, or the whole subject when it has none. */
    public static String commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal());
    }

    public static String commonName(X500Principal principal) {
        X500Name name = X500Name.getInstance(principal.getEncoded());
        var cns = name.getRDNs(BCStyle.CN);
        return cns.length > 0 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : name.toString();
    }

    /** Key size in bits: the modulus for RSA, the field size for EC, 0 when unknown. */
    static int keyBits(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519", "X25519" -> 255;
            case "Ed448", "X448" -> 448;
            default -> 0;
        };
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
