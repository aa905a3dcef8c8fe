package org.padlockmail.mail;

import java.io.IOException;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.Refusal;

/**
 * The plaintext prelude of one protocol up to the point where TLS starts (RFC 2595/9051 for IMAP,
 * RFC 3207 for SMTP). Nothing the server says here is trusted, kept or shown: capabilities are asked for
 * again over TLS by the protocol layer, which only ever sees {@link #greetingAfterTls()} in place of the
 * real (unauthenticated) greeting.
 */
interface StartTlsDialogue {

    /** Runs the prelude; returns normally only when the server agreed to start TLS right now. */
    void negotiate(PlainTextLines lines) throws IOException, StartTlsRefusedException;

    /** A neutral greeting that the protocol layer reads instead of the discarded pre-TLS one. */
    byte[] greetingAfterTls();

    static StartTlsRefusedException refused(Outcome outcome, String message) {
        return new StartTlsRefusedException(Refusal.of(outcome, message));
    }

    /** The server said no to STARTTLS; its own words are unauthenticated and not repeated. */
    static StartTlsRefusedException startTlsRefused(Endpoint endpoint, String detail) {
        return refused(Outcome.STARTTLS_UNAVAILABLE, "The server " + endpoint.address() + " refused to start encryption "
                + "(STARTTLS" + detail + "). Padlock Mail does not continue unencrypted: an attacker on the network can "
                + "remove STARTTLS, so its absence is never trusted.");
    }

    /** The server did not let TLS start; carries the refusal for the user. */
    final class StartTlsRefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Refusal refusal;

        StartTlsRefusedException(Refusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
