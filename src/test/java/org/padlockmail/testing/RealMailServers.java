package org.padlockmail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the throwaway Dovecot and Postfix of {@code src/test/scripts/mail-servers.sh} once per test run,
 * with a CA and a server certificate made here, and stops them when the run ends. Use with
 * {@code @ExtendWith(RealMailServers.class)}; the servers listen on 127.0.0.2.
 */
public final class RealMailServers implements BeforeAllCallback {

    public static final String HOST = "127.0.0.2";
    public static final int IMAP_STARTTLS = 31143;
    public static final int IMAPS = 31993;
    public static final int SUBMISSION = 31587;
    public static final int SUBMISSIONS = 31465;
    public static final int SMTP = 31025;
    public static final String ALICE = "alice@padlock.test";
    public static final String BOB = "bob@padlock.test";

    private static final Path WORK = Path.of("target", "mail-servers").toAbsolutePath();
    private static final Path SCRIPT = Path.of("src", "test", "scripts", "mail-servers.sh").toAbsolutePath();

    /** The CA that issued the servers' certificate, as a PEM file for {@code --ca}. */
    public static Path caFile() {
        return WORK.resolve("ca.pem");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RealMailServers.class, key -> start(), Running.class);
    }

    /** Stops the servers when JUnit closes its root store at the end of the run. */
    private record Running() implements AutoCloseable {
        @Override
        public void close() throws Exception {
            run(Duration.ofSeconds(30), "stop", WORK.resolve("run").toString());
        }
    }

    private static Running start() {
        try {
            Files.createDirectories(WORK);
            TestCertificates.Authority ca = TestCertificates.authority("Padlock Integration CA");
            ca.writePem(caFile());
            TestCertificates.Credential server = ca.issue(TestCertificates.Spec.forHost(HOST, "localhost"));
            server.writePem(WORK.resolve("server-chain.pem"), WORK.resolve("server-key.pem"));
            run(Duration.ofSeconds(60), "start", WORK.resolve("run").toString(),
                    WORK.resolve("server-chain.pem").toString(), WORK.resolve("server-key.pem").toString());
            return new Running();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start the test mail servers", e);
        }
    }

    private static void run(Duration limit, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Path log = WORK.resolve("script-" + args[0] + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("mail-servers.sh " + args[0] + " took longer than " + limit);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("mail-servers.sh " + args[0] + " failed: " + Files.readString(log));
        }
    }

    /** Takes Postfix away (Dovecot stays), for tests of what happens while the submission server is gone. */
    public static void stopPostfix() throws IOException, InterruptedException {
        run(Duration.ofSeconds(30), "postfix-stop", WORK.resolve("run").toString());
    }

    public static void startPostfix() throws IOException, InterruptedException {
        run(Duration.ofSeconds(60), "postfix-start", WORK.resolve("run").toString());
    }

    /** Drops every IMAP connection of a user, as a network loss would. */
    public static void kick(String user) throws IOException, InterruptedException {
        run(Duration.ofSeconds(30), "kick", WORK.resolve("run").toString(), user);
    }

    public static String bobPassword() {
        return System.getenv().getOrDefault("BOB_PASSWORD", "bob-Secret-2");
    }

    /** An account on these servers, trusting their CA. */
    public static org.padlockmail.mail.Account account(String name, String address, int imapPort,
            org.padlockmail.security.SecurityMode imapMode, int smtpPort, org.padlockmail.security.SecurityMode smtpMode) {
        return org.padlockmail.mail.Account.create(name, address, address,
                new org.padlockmail.mail.ServerSettings(HOST, imapPort, imapMode, false),
                new org.padlockmail.mail.ServerSettings(HOST, smtpPort, smtpMode, false));
    }

    /** A connector that trusts the servers' CA only, with its own pin file. */
    public static org.padlockmail.mail.SecureConnector trustingConnector(Path pinFile) throws IOException {
        return new org.padlockmail.mail.SecureConnector(new org.padlockmail.security.TlsClient(
                new org.padlockmail.security.TrustEvaluator(
                        org.padlockmail.security.TrustAnchors.of(org.padlockmail.security.TrustAnchors.readPem(caFile())),
                        new org.padlockmail.security.PinStore(pinFile), org.padlockmail.security.TlsPolicy.defaults()),
                java.time.Clock.systemUTC()), org.padlockmail.mail.SecureConnector.DEFAULT_DEADLINE);
    }

    public static String alicePassword() {
        return System.getenv().getOrDefault("ALICE_PASSWORD", "alice-Secret-1");
    }
}
