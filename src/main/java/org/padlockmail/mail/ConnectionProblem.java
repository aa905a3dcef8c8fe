package org.padlockmail.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.RefusalException;

/**
 * Why talking to a server failed, in words for the user, classified from what Angus threw: a security
 * refusal of ours (found in the cause chain, never parsed from a message), a protocol violation right
 * after TLS, a rejected login, or a plain connection failure.
 *
 * @param report  the report of the connection concerned, if one was made
 * @param refusal set for refusals on security grounds
 */
public record ConnectionProblem(Outcome outcome, String message, ConnectionReport report, Refusal refusal) {

    public static ConnectionProblem of(Endpoint endpoint, MessagingException e, ConnectionReport last) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusalException refused) {
                return new ConnectionProblem(refused.refusal().outcome(), refused.refusal().message(), refused.report(),
                        refused.refusal());
            }
            if (cause instanceof PadlockImapStore.MissingCapabilitiesException
                    || cause instanceof PadlockSmtpTransport.EhloRefusedException) {
                Refusal refusal = Refusal.of(Outcome.PROTOCOL_VIOLATION, "The server " + endpoint.address()
                        + " broke the protocol right after encryption started (" + cause.getMessage()
                        + "); the connection was refused before logging in.");
                return new ConnectionProblem(refusal.outcome(), refusal.message(), last == null ? null : last.refusedWith(refusal),
                        refusal);
            }
        }
        if (e instanceof AuthenticationFailedException) {
            return new ConnectionProblem(Outcome.AUTH_FAILED, "The server " + endpoint.address() + " rejected the login: "
                    + e.getMessage(), last, null);
        }
        return new ConnectionProblem(Outcome.CONNECT_FAILED, "The connection to " + endpoint.address() + " failed: "
                + e.getMessage(), last, null);
    }
}
