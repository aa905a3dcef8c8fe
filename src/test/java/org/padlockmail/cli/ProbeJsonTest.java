package org.padlockmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.padlockmail.mail.ServerCheck;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.security.TlsDetails;
import org.padlockmail.security.TrustBasis;

/** The probe's {@code --json} output is a contract for scripts: byte for byte what the Jackson version printed. */
class ProbeJsonTest {

    private static final Endpoint ENDPOINT = new Endpoint(Service.IMAP, "mail.example.org", 993, SecurityMode.TLS);

    private static String printedBefore(String name) throws IOException {
        try (InputStream in = ProbeJsonTest.class.getResourceAsStream("/org/padlockmail/config/jackson-format/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aSecureLoginWithEveryField() throws Exception {
        CertificateFacts leaf = new CertificateFacts("CN=mail.example.org,O=Ex & <Co>", "CN=Padlock Integration CA",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T12:30:00.5Z"),
                List.of("mail.example.org", "*.example.org"), "EC", 256, "SHA256withECDSA", "01", "AB:CD", "ef01");
        ConnectionReport report = new ConnectionReport(ENDPOINT, Instant.parse("2026-05-05T00:00:00Z"), Outcome.SECURE,
                "Secure — verified by Padlock Integration CA.", new TlsDetails("TLSv1.3", "TLS_AES_256_GCM_SHA384", "x25519"),
                List.of(leaf), TrustBasis.authority("Padlock Integration CA"), "default");
        assertEquals(printedBefore("probe-secure.json"), ProbeCommand.toJson(new ServerCheck.Result(ENDPOINT, Outcome.SECURE,
                "Secure — verified by Padlock Integration CA. Logged in.", report, null, true, 3)));
    }

    @Test
    void nullsArePrintedNotOmitted() throws Exception {
        assertEquals(printedBefore("probe-offline.json"), ProbeCommand.toJson(new ServerCheck.Result(ENDPOINT,
                Outcome.CONNECT_FAILED, "Could not connect to mail.example.org:993 ('refused').", null, null, false, null)));
        ConnectionReport noChain = new ConnectionReport(ENDPOINT, Instant.parse("2026-05-05T00:00:00Z"), Outcome.SECURE, "ok",
                new TlsDetails("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null), List.of(), null, "default");
        assertEquals(printedBefore("probe-no-chain.json"), ProbeCommand.toJson(new ServerCheck.Result(ENDPOINT,
                Outcome.AUTH_FAILED, "Login refused.", noChain, null, false, null)));
    }
}
