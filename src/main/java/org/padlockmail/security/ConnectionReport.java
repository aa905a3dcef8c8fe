package org.padlockmail.security;

import java.time.Instant;
import java.util.List;

/**
 * Everything known about one connection attempt (SECURITY.md, "Connection report"), kept for the last
 * connection of each server and shown in settings. Refusals have one too.
 *
 * @param tls    null for plaintext, and for refusals before the handshake finished
 * @param chain  the certificate chain the server presented, leaf first; empty when none was seen
 * @param trust  how trust was established; null unless the connection was established over TLS
 * @param policy the TLS policy that was applied, in words
 */
public record ConnectionReport(Endpoint endpoint, Instant time, Outcome outcome, String message,
                               TlsDetails tls, List<CertificateFacts> chain, TrustBasis trust, String policy) {

    public ConnectionReport {
        chain = List.copyOf(chain);
    }

    public LockState lock() {
        return outcome.lock();
    }

    /** The one line a lock indicator shows on hover, e.g. "TLS 1.3 · TLS_AES_256_GCM_SHA384 · x25519 · verified by ISRG Root X1". */
    public String summary() {
        if (tls == null) {
            return message;
        }
        StringBuilder line = new StringBuilder(tls.protocol().replace("TLSv", "TLS "))
                .append(" · ").append(tls.cipherSuite());
        if (tls.keyExchange() != null) {
            line.append(" · ").append(tls.keyExchange());
        }
        line.append(" · ").append(trust != null ? trust.describe() : message);
        return line.toString();
    }

    /** This report, changed into a refusal: for a violation found after the handshake succeeded. */
    public ConnectionReport refusedWith(Refusal refusal) {
        return new ConnectionReport(endpoint, time, refusal.outcome(), refusal.message(), tls, chain, null, policy);
    }
}
