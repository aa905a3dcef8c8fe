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

/** Attacks on SMTP submission before and around STARTTLS, through the real probe command. */
class HostileSmtpServerTest {

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
        return ProbeRun.against("smtp", server.port(), security, ca.writePem(folder.resolve("ca.pem")),
                folder.resolve("pins-" + server.port() + ".json"));
    }

    private static HostileServer upToStartTls() {
        return new HostileServer()
                .send("220 hostile.test ESMTP")
                .expect("EHLO .*")
                .send("250-hostile.test")
                .send("250-STARTTLS")
                .send("250 AUTH PLAIN LOGIN")
                .expect("STARTTLS");
    }

    @Test
    void strippedStartTlsIsRefusedNotDowngraded() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("220 hostile.test ESMTP")
                .expect("EHLO .*")
                .send("250-hostile.test")
                .send("250 AUTH PLAIN LOGIN")
                .expect("STARTTLS")
                .send("502 5.5.1 Unrecognized command")
                .then(MailDialogues.smtp(true, true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("starttls-unavailable", run.outcome());
            assertFalse(server.receivedText().contains("AUTH"));
            assertPasswordNeverArrived(server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"454 4.7.0 TLS not available due to temporary reason", "501 5.5.4 Syntax error"})
    void startTlsRefusedIsStartTlsUnavailableAndHidesTheServersWords(String answer) throws IOException {
        try (HostileServer server = upToStartTls().send(answer).then(MailDialogues.smtp(true, true)).start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("starttls-unavailable", run.outcome());
            assertFalse(run.message().contains("temporary reason") || run.message().contains("Syntax"));
            assertPasswordNeverArrived(server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "220 2.0.0 Ready to start TLS\r\n250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n",
        "220 2.0.0 Ready to start TLS\r\n235 2.7.0 Authentication successful\r\n"})
    void responseInjectedAfterTheStartTlsAnswerIsRefused(String injected) throws IOException {
        try (HostileServer server = upToStartTls().sendRaw(injected).startTls(tls).then(MailDialogues.smtp(true, true)).start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("protocol-violation", run.outcome());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void failingEhloAfterTlsIsRefusedInsteadOfFallingBackToHelo() throws IOException {
        try (HostileServer server = upToStartTls()
                .send("220 2.0.0 Ready to start TLS")
                .startTls(tls)
                .then(MailDialogues.smtp(false, true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("protocol-violation", run.outcome());
            assertFalse(server.receivedText().contains("HELO "), "fell back to HELO");
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void noAuthenticationAfterTlsIsNotMistakenForALogin() throws IOException {
        try (HostileServer server = upToStartTls()
                .send("220 2.0.0 Ready to start TLS")
                .startTls(tls)
                .then(MailDialogues.smtp(true, false))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("auth-failed", run.outcome());
            assertEquals("secure", run.json().get("lock").getAsString());
            assertFalse(run.json().get("authenticated").getAsBoolean());
            assertEquals(1, run.exitCode());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void startTlsHappyPathLogsInOverTlsOnly() throws IOException {
        try (HostileServer server = upToStartTls()
                .send("220 2.0.0 Ready to start TLS")
                .startTls(tls)
                .then(MailDialogues.smtp(true, true))
                .start()) {
            ProbeRun run = probe(server, "starttls");
            assertEquals("secure", run.outcome(), run.output());
            assertTrue(run.json().get("authenticated").getAsBoolean());
            assertEquals(0, run.exitCode());
            String received = server.receivedText();
            assertTrue(received.indexOf("AUTH") > received.indexOf("STARTTLS"), received);
            assertTrue(received.indexOf("EHLO") < received.indexOf("STARTTLS")
                    && received.indexOf("EHLO", received.indexOf("STARTTLS")) > 0, "EHLO must be sent again over TLS");
        }
    }

    @Test
    void plaintextOnAnImplicitTlsPortIsAProtocolViolation() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("220 hostile.test ESMTP plain text")
                .then(MailDialogues.smtp(true, true))
                .start()) {
            ProbeRun run = probe(server, "tls");
            assertEquals("protocol-violation", run.outcome());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void plaintextModeWithholdsThePasswordUnlessExplicitlyAllowed() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("220 hostile.test ESMTP")
                .then(MailDialogues.smtp(true, true))
                .start()) {
            ProbeRun withheld = probe(server, "plain");
            assertEquals("plaintext", withheld.outcome());
            assertEquals("insecure", withheld.json().get("lock").getAsString());
            assertFalse(withheld.json().get("authenticated").getAsBoolean());
            assertEquals(1, withheld.exitCode(), "a login was asked for and did not happen");
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void plaintextModeWithExplicitAllowanceLogsIn() throws IOException {
        try (HostileServer server = new HostileServer()
                .send("220 hostile.test ESMTP")
                .then(MailDialogues.smtp(true, true))
                .start()) {
            ProbeRun run = ProbeRun.against("smtp", server.port(), "plain", null, folder.resolve("pins-plain.json"),
                    "--allow-plaintext-password");
            assertEquals("plaintext", run.outcome());
            assertEquals("insecure", run.json().get("lock").getAsString());
            assertTrue(run.json().get("authenticated").getAsBoolean());
            assertEquals(0, run.exitCode());
        }
    }
}
