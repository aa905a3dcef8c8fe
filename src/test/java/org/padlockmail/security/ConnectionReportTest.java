package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionReportTest {

    private static final Endpoint SERVER = new Endpoint(Service.IMAP, "imap.example.org", 993, SecurityMode.TLS);

    @Test
    void theHoverLineHasProtocolSuiteGroupAndTrust() {
        ConnectionReport report = new ConnectionReport(SERVER, Instant.now(), Outcome.SECURE, "ok",
                new TlsDetails("TLSv1.3", "TLS_AES_256_GCM_SHA384", "x25519"), List.of(),
                TrustBasis.authority("ISRG Root X1"), TlsPolicy.defaults().describe());
        assertEquals("TLS 1.3 · TLS_AES_256_GCM_SHA384 · x25519 · verified by ISRG Root X1", report.summary());
        assertEquals(LockState.SECURE, report.lock());
    }

    @Test
    void pinnedAndRefusedReportsSayWhy() {
        ConnectionReport pinned = new ConnectionReport(SERVER, Instant.now(), Outcome.PINNED, "ok",
                new TlsDetails("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null), List.of(),
                TrustBasis.pin(Instant.parse("2026-11-01T09:30:00Z")), "policy");
        assertEquals("TLS 1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · pinned by you on 2026-11-01 09:30 UTC", pinned.summary());
        assertEquals(LockState.PINNED, pinned.lock());

        Refusal refusal = Refusal.of(Outcome.STARTTLS_UNAVAILABLE, "The server refused to start encryption.");
        ConnectionReport refused = pinned.refusedWith(refusal);
        assertEquals(LockState.BLOCKED, refused.lock());
        assertEquals("TLS 1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · The server refused to start encryption.", refused.summary());
    }

    @Test
    void everyOutcomeHasTheIdentifierOfTheProbeContract() {
        assertEquals(List.of("secure", "pinned", "plaintext", "certificate-untrusted", "certificate-expired",
                        "certificate-not-yet-valid", "hostname-mismatch", "pin-mismatch", "weak-tls", "starttls-unavailable",
                        "protocol-violation", "tls-error", "auth-failed", "connect-failed"),
                java.util.Arrays.stream(Outcome.values()).map(Outcome::id).toList());
    }
}
