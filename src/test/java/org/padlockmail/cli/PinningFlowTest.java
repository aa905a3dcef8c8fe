package org.padlockmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.ProbeRun.assertPasswordNeverArrived;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.HostileServer;
import org.padlockmail.testing.MailDialogues;
import org.padlockmail.testing.ProbeRun;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;

/** Trust on first use through the probe: accept new → pinned; a different key → pin-mismatch; the original → pinned. */
class PinningFlowTest {

    @TempDir
    Path folder;

    private ProbeRun probe(int port, String... extra) {
        return ProbeRun.against("imap", port, "tls", null, folder.resolve("pins.json"), extra);
    }

    private static HostileServer imaps(TestCertificates.Credential credential, int port) throws IOException {
        return new HostileServer().startTls(HostileServer.Tls.of(credential)).send("* OK IMAP4rev1 ready")
                .then(MailDialogues.imap(true)).startOn(port);
    }

    @Test
    void acceptNewPinsThenAChangedKeyIsRefusedLoudlyAndTheOriginalStillWorks() throws IOException {
        TestCertificates.Credential original = TestCertificates.selfSigned(Spec.forHost("localhost"));
        TestCertificates.Credential impostor = TestCertificates.selfSigned(Spec.forHost("localhost").otherKey());
        int port;
        try (HostileServer server = imaps(original, 0)) {
            port = server.port();
            ProbeRun first = probe(port);
            assertEquals("certificate-untrusted", first.outcome());
            assertFalse(Files.exists(folder.resolve("pins.json")));

            ProbeRun accepted = probe(port, "--accept-new-certificate");
            assertEquals("pinned", accepted.outcome(), accepted.output());
            assertEquals("pinned", accepted.json().get("lock").getAsString());
            assertTrue(accepted.json().get("authenticated").getAsBoolean());
            assertEquals(0, accepted.exitCode());
            assertTrue(Files.readString(folder.resolve("pins.json"))
                    .contains(accepted.json().getAsJsonObject("certificate").get("spkiSha256").getAsString()));

            assertEquals("pinned", probe(port).outcome());
        }
        String pins = Files.readString(folder.resolve("pins.json"));

        try (HostileServer server = imaps(impostor, port)) {
            ProbeRun changed = probe(port, "--accept-new-certificate");
            assertEquals("pin-mismatch", changed.outcome());
            assertEquals("blocked", changed.json().get("lock").getAsString());
            assertTrue(changed.message().contains("changed since you pinned it on"), changed.message());
            assertEquals(1, changed.exitCode());
            assertEquals(pins, Files.readString(folder.resolve("pins.json")), "accept-new never replaces a pin");
            assertPasswordNeverArrived(server);
        }

        try (HostileServer server = imaps(original, port)) {
            assertEquals("pinned", probe(port).outcome());
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void aPinOutranksACertificateAuthority() throws IOException {
        TestCertificates.Authority ca = TestCertificates.authority("Padlock Test CA");
        String caFile = ca.writePem(folder.resolve("ca.pem")).toString();
        int port;
        try (HostileServer server = imaps(TestCertificates.selfSigned(Spec.forHost("localhost")), 0)) {
            port = server.port();
            assertEquals("pinned", probe(port, "--accept-new-certificate").outcome());
        }
        // Now a certificate that a trusted CA vouches for, but with another key: still refused.
        try (HostileServer server = imaps(ca.issue(Spec.forHost("localhost").otherKey()), port)) {
            ProbeRun run = probe(port, "--ca", caFile);
            assertEquals("pin-mismatch", run.outcome());
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void expiredCertificatesAreNeverPinnedAutomatically() throws IOException {
        try (HostileServer server = imaps(TestCertificates.selfSigned(Spec.forHost("localhost").expired()), 0)) {
            ProbeRun run = probe(server.port(), "--accept-new-certificate");
            assertEquals("certificate-expired", run.outcome());
            assertFalse(Files.exists(folder.resolve("pins.json")));
            assertPasswordNeverArrived(server);
        }
    }

    @Test
    void anUnreadablePinFileStopsConnectingAndIsKept() throws IOException {
        Files.writeString(folder.resolve("pins.json"), "{ not json");
        try (HostileServer server = imaps(TestCertificates.selfSigned(Spec.forHost("localhost")), 0)) {
            ProbeRun run = probe(server.port(), "--accept-new-certificate");
            assertEquals(1, run.exitCode());
            assertTrue(run.message().contains("pin file"), run.message());
            assertEquals("{ not json", Files.readString(folder.resolve("pins.json")));
            assertPasswordNeverArrived(server);
        }
    }
}
