import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import org.padlockmail.demo.DemoCertificate;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.SecretsFile;

/**
 * Runs what the app does with BouncyCastle on the jars ShrinkBouncyCastle.java made: the demo server's
 * certificate is generated and read the way the certificate prompt reads it, and a secrets file is
 * written and read again (Argon2). A class the shrinking left out fails here with NoClassDefFoundError.
 *
 * Usage: java -cp APP_AND_SHRUNK_JARS CheckShrunkBouncyCastle.java SCRATCH_FOLDER
 */
public final class CheckShrunkBouncyCastle {

    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args[0]));
        X509Certificate certificate = DemoCertificate.inFolder(folder, Instant.now()).certificate();
        CertificateFacts facts = CertificateFacts.of(certificate);
        if (facts.subject().isBlank() || facts.subjectAltNames().isEmpty() || facts.signatureAlgorithm().isBlank()
                || !facts.spkiSha256().equals(CertificateFacts.spkiSha256(certificate))) {
            throw new AssertionError("the demo certificate read back wrong: " + facts);
        }

        SecretsFile secrets = new SecretsFile(folder.resolve("passwords.enc"), new SecretsFile.Cost(1024, 1, 1));
        Map<String, String> written = Map.of("account", "Secret-1");
        secrets.write("primary".toCharArray(), written);
        if (!secrets.read("primary".toCharArray()).equals(written)) {
            throw new AssertionError("the secrets file read back wrong");
        }
        System.out.println("BouncyCastle, shrunk: demo certificate " + facts.subject() + " (" + facts.signatureAlgorithm()
                + ", " + facts.keyType() + " " + facts.keyBits() + "), secrets file written and read");
    }
}
