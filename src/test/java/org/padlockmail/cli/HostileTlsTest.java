package org.padlockmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.ProbeRun.assertPasswordNeverArrived;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.padlockmail.testing.HostileServer;
import org.padlockmail.testing.MailDialogues;
import org.padlockmail.testing.ProbeRun;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;

/**
 * Bad certificates and weak TLS, each over implicit TLS and over STARTTLS, for IMAP and SMTP. The test
 * JVM itself accepts all of these (see hostile-servers.java.security): the refusals are our policy's.
 */
class HostileTlsTest {

    private static TestCertificates.Authority ca;
    private static TestCertificates.Authority strangerCa;

    @TempDir
    static Path folder;

    @BeforeAll
    static void authorities() {
        ca = TestCertificates.authority("Padlock Test CA");
        strangerCa = TestCertificates.authority("Nobody You Trust CA");
    }

    /** A hostile TLS server side, made lazily because the CAs exist only after @BeforeAll. */
    record Case(String name, Supplier<HostileServer.Tls> tls, String outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("expired", () -> tls(ca.issue(Spec.forHost("localhost").expired())), "certificate-expired"),
                new Case("not yet valid", () -> tls(ca.issue(Spec.forHost("localhost").notYetValid())), "certificate-not-yet-valid"),
                new Case("wrong host", () -> tls(ca.issue(Spec.forHost("mail.other.example"))), "hostname-mismatch"),
                new Case("self-signed", () -> tls(TestCertificates.selfSigned(Spec.forHost("localhost"))), "certificate-untrusted"),
                new Case("unknown CA", () -> tls(strangerCa.issue(Spec.forHost("localhost"))), "certificate-untrusted"),
                new Case("SHA-1 leaf", () -> tls(ca.issue(Spec.forHost("localhost").sha1())), "weak-tls"),
                new Case("RSA-1024 leaf", () -> tls(ca.issue(Spec.forHost("localhost").rsa(1024))), "weak-tls"),
                new Case("TLS 1.0 only", () -> tls(ca.issue(Spec.forHost("localhost"))).protocols("TLSv1"), "weak-tls"),
                new Case("TLS 1.1 only", () -> tls(ca.issue(Spec.forHost("localhost"))).protocols("TLSv1.1"), "weak-tls"),
                new Case("TLS 1.2 without forward secrecy", () -> tls(ca.issue(Spec.forHost("localhost")))
                        .protocols("TLSv1.2").cipherSuites("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
                        "weak-tls"),
                new Case("TLS 1.2 with ECDHE (allowed)", () -> tls(ca.issue(Spec.forHost("localhost"))).protocols("TLSv1.2"), "secure"));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : cases()) {
            for (String protocol : List.of("imap", "smtp")) {
                for (String security : List.of("tls", "starttls")) {
                    all.add(Arguments.of(c, protocol, security));
                }
            }
        }
        return all.stream();
    }

    private static HostileServer.Tls tls(TestCertificates.Credential credential) {
        return HostileServer.Tls.of(credential);
    }

    static HostileServer server(String protocol, String security, HostileServer.Tls tls) {
        HostileServer server = new HostileServer();
        boolean imap = protocol.equals("imap");
        if (security.equals("starttls")) {
            if (imap) {
                server.send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready").expect("P1 STARTTLS").send("P1 OK Begin TLS");
            } else {
                server.send("220 hostile.test ESMTP").expect("EHLO .*").send("250-hostile.test").send("250 STARTTLS")
                        .expect("STARTTLS").send("220 2.0.0 Ready to start TLS");
            }
            server.startTls(tls);
        } else {
            server.startTls(tls).send(imap ? "* OK IMAP4rev1 ready" : "220 hostile.test ESMTP");
        }
        return server.then(imap ? MailDialogues.imap(true) : MailDialogues.smtp(true, true));
    }

    @ParameterizedTest(name = "{0} over {1} {2}")
    @MethodSource("matrix")
    void refusedWithTheSpecificOutcome(Case c, String protocol, String security) throws IOException {
        try (HostileServer server = server(protocol, security, c.tls().get()).start()) {
            ProbeRun run = ProbeRun.against(protocol, server.port(), security, ca.writePem(folder.resolve("ca.pem")),
                    folder.resolve("pins.json"));

            assertEquals(c.outcome(), run.outcome(), run.output());
            if (c.outcome().equals("secure")) {
                assertEquals(0, run.exitCode());
                assertEquals("TLSv1.2", run.json().getAsJsonObject("tls").get("protocol").getAsString());
                assertTrue(run.json().getAsJsonObject("tls").get("cipherSuite").getAsString().startsWith("TLS_ECDHE_"));
                assertFalse(run.json().getAsJsonObject("tls").get("keyExchange").isJsonNull(), "the TLS 1.2 key exchange group was not seen");
                return;
            }
            assertEquals(1, run.exitCode());
            assertEquals("blocked", run.json().get("lock").getAsString());
            assertFalse(run.json().get("authenticated").getAsBoolean());
            if (!c.name().startsWith("TLS 1.")) {
                assertNotNull(run.json().getAsJsonObject("certificate").get("spkiSha256"), "a refusal shows what the user would pin");
                assertFalse(run.json().get("certificate").isJsonNull());
            }
            assertFalse(Files.exists(folder.resolve("pins.json")), "nothing is pinned without being asked");
            assertPasswordNeverArrived(server);
        }
    }
}
