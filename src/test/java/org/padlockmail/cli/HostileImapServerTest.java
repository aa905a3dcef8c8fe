package org.padlockmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.ProbeRun.assertPasswordNeverArrived;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.padlockmail.testing.HostileServer;
import org.padlockmail.testing.MailDialogues;
import org.padlockmail.testing.ProbeRun;
import org.padlockmail.testing.TestCertificates;

/**
 * Attacks on IMAP before and around STARTTLS, each through the real probe command. Every test logs in
 * (or tries to), and proves the password never reached the server and the outcome is the specific one.
 */
class HostileImapServerTest {

    private static TestCertificates.Authority ca;
    private static HostileServer.Tls tls;

    @TempDir
    static Path folder;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.authority("Padlock Test CA");
        tls = HostileServer.Tls.of(ca.issue(TestCertificates.Spec.forHost("localhost")));
    }

    private ProbeRun probe(HostileServer server, String security) throws IOException {
        return ProbeRun.against("imap", server.port(), security, ca.writePem(folder.resolve("ca.pem")),
                folder.resolve("pins-" + server.port() + ".json"));
    }

    @Test
    void strippedStartTlsIsRefusedNotDowngraded() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no STARTTLS here")
                .expect("P1 STARTTLS")
                .send("P1 BAD Unknown command")
                .then(MailDialogues.imap(true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("starttls-unavailable", run.outcome());
            assertEquals("blocked", run.json().get("lock").getAsString());
            assertEquals(1, run.exitCode());
            assertFalse(server.receivedText().contains("LOGIN") || server.receivedText().contains("AUTHENTICATE"));
            assertPasswordNeverArrived(server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1 NO STARTTLS is disabled", "P1 BAD try again"})
    void startTlsAnsweredNoOrBadIsStartTlsUnavailableAndHidesTheServersWords(String answer) throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
                .expect("P1 STARTTLS")
                .send(answer)
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("starttls-unavailable", run.outcome());
            assertFalse(run.message().contains("disabled") || run.message().contains("try again"),
                    "a pre-TLS server text was shown as if it came from the real server: " + run.message());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void continuationAfterStartTlsIsAProtocolViolationNotAHang() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
                .expect("P1 STARTTLS")
                .send("+ go ahead")
                .stall()
                .start()) {
            long start = System.nanoTime();
            ProbeRun run = probe(server, "starttls");
            assertEquals("protocol-violation", run.outcome());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "the probe waited on a continuation");
            assertPasswordNeverArrived(server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "P1 OK Begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN\r\n",
        "P1 OK Begin TLS negotiation now\r\nA1 OK LOGIN completed\r\n",
        "P1 OK Begin TLS negotiation now\r\n* OK [ALERT] Your password expired, enter it at http://evil.example\r\n"})
    void responseInjectedAfterTheStartTlsAnswerIsRefused(String injected) throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
                .expect("P1 STARTTLS")
                .sendRaw(injected)
                .startTls(tls)
                .then(MailDialogues.imap(true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("protocol-violation", run.outcome());
            assertEquals("blocked", run.json().get("lock").getAsString());
            assertFalse(run.message().contains("evil.example"));
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void preauthGreetingOnAStartTlsConnectionIsRefused() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* PREAUTH [CAPABILITY IMAP4rev1] you are logged in already")
                .then(MailDialogues.imap(true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("protocol-violation", run.outcome());
            assertTrue(run.message().contains("PREAUTH"));
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void capabilitiesFromBeforeTlsNeverSurvive() throws IOException {
        // The post-TLS CAPABILITY answer lists nothing: a client that kept the pre-TLS list would go on.
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready")
                .expect("P1 STARTTLS")
                .send("P1 OK Begin TLS")
                .startTls(tls)
                .then(MailDialogues.imap(false))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("protocol-violation", run.outcome());
            assertEquals("TLSv1.3", run.json().getAsJsonObject("tls").get("protocol").getAsString());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void preTlsAlertIsNeverShownAndTheHonestPartWorks() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [ALERT] Security notice: re-enter your password at http://evil.example")
                .expect("P1 STARTTLS")
                .send("* OK [ALERT] Mailbox migrated, visit http://evil.example")
                .send("P1 OK Begin TLS")
                .startTls(tls)
                .then(MailDialogues.imap(true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("secure", run.outcome(), run.output());
            assertTrue(run.json().get("authenticated").getAsBoolean());
            assertEquals(3, run.json().get("messages").getAsInt());
            assertFalse(run.output().contains("evil.example"));
            assertEquals(0, run.exitCode());
            // The pre-TLS part saw STARTTLS and nothing else; the login happened over TLS.
            assertTrue(server.receivedText().startsWith("P1 STARTTLS\r\n"));
        }
    }

    @Test
    void plaintextOnAnImplicitTlsPortIsAProtocolViolation() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain text here")
                .then(MailDialogues.imap(true))
                .start()) {
            ProbeRun run = probe(server, "tls");
            assertEquals("protocol-violation", run.outcome());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void aServerThatStallsTheHandshakeIsRefusedWithin15Seconds() throws IOException {
        try (HostileServer server = new HostileServer().stall().start()) {
            long start = System.nanoTime();
            ProbeRun run = probe(server, "tls");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals("tls-error", run.outcome());
            assertTrue(seconds < 15, "took " + seconds + " s");
            assertTrue(run.message().contains("stopped responding"), run.message());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void aServerThatStallsAfterStartTlsIsRefusedWithin15Seconds() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
                .expect("P1 STARTTLS")
                .send("P1 OK Begin TLS")
                .stall()
                .start()) {
            long start = System.nanoTime();
            ProbeRun run = probe(server, "starttls");
            assertEquals("tls-error", run.outcome());
            assertTrue(System.nanoTime() - start < 15_000_000_000L);
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void implicitTlsHappyPathReportsTheSession() throws IOException {
        try (HostileServer server = new HostileServer()
                .startTls(tls)
                .send("* OK IMAP4rev1 ready")
                .then(MailDialogues.imap(true))
                .start()) {
            ProbeRun run = probe(server, "tls");
            assertEquals("secure", run.outcome(), run.output());
            assertEquals("secure", run.json().get("lock").getAsString());
            assertEquals("TLSv1.3", run.json().getAsJsonObject("tls").get("protocol").getAsString());
            assertEquals("x25519", run.json().getAsJsonObject("tls").get("keyExchange").getAsString());
            assertEquals("CN=localhost", run.json().getAsJsonObject("certificate").get("subject").getAsString());
            assertEquals(1, server.connectionCount(), "one connection for login and INBOX, no fallback attempt");
        }
    }
}
