package org.padlockmail.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.LockState;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.RefusalException;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;

/**
 * Connects to one server the way the app does, optionally logs in (IMAP: and counts INBOX; SMTP: and
 * quits without sending), and says what happened. The {@code probe} command and the account setup use it.
 */
public final class ServerCheck {

    private final SecureConnector connector;

    public ServerCheck(SecureConnector connector) {
        this.connector = connector;
    }

    /**
     * @param report   the report of the last connection made, or of the refused attempt; null only when
     *                 nothing was attempted
     * @param refusal  set when the connection was refused for its security
     * @param messages INBOX message count (IMAP with credentials), else null
     */
    public record Result(Endpoint endpoint, Outcome outcome, String message, ConnectionReport report,
                         Refusal refusal, boolean authenticated, Integer messages) {

        /** The lock of the connection itself: a failed login does not change how the connection was protected. */
        public LockState lock() {
            return outcome == Outcome.AUTH_FAILED && report != null ? report.lock() : outcome.lock();
        }
    }

    public Result run(Endpoint endpoint, Credentials credentials, boolean allowPlaintextPassword) {
        if (credentials == null) {
            return connectOnly(endpoint);
        }
        if (endpoint.mode() == SecurityMode.PLAIN && !allowPlaintextPassword) {
            Result plain = connectOnly(endpoint);
            if (plain.refusal() != null) {
                return plain;
            }
            return new Result(endpoint, Outcome.PLAINTEXT, "The password was not sent: the connection to "
                    + endpoint.address() + " is not encrypted, and sending a password over it was not explicitly allowed.",
                    plain.report(), null, false, null);
        }
        AtomicReference<ConnectionReport> last = new AtomicReference<>();
        try {
            return endpoint.service() == Service.IMAP
                    ? imap(endpoint, credentials, last)
                    : smtp(endpoint, credentials, last);
        } catch (MailConnectionException e) {
            ConnectionProblem problem = e.problem();
            return new Result(endpoint, problem.outcome(), problem.message(), problem.report(), problem.refusal(), false, null);
        } catch (MessagingException e) {
            return failure(endpoint, e, last.get());
        }
    }

    private Result connectOnly(Endpoint endpoint) {
        try {
            SecureConnector.Opened opened = connector.open(endpoint);
            try {
                opened.socket().close();
            } catch (IOException ignored) {
                // the check is over; closing is a courtesy
            }
            return established(endpoint, opened.report(), false, null);
        } catch (RefusalException e) {
            return new Result(endpoint, e.refusal().outcome(), e.refusal().message(), e.report(), e.refusal(), false, null);
        }
    }

    private Result imap(Endpoint endpoint, Credentials credentials, AtomicReference<ConnectionReport> last)
            throws MessagingException, MailConnectionException {
        Store store = AngusLogin.imap(connector, endpoint, credentials, connector.deadline(), last::set);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return established(endpoint, last.get(), true, count);
        } finally {
            if (store.isConnected()) {
                store.close();
            }
        }
    }

    private Result smtp(Endpoint endpoint, Credentials credentials, AtomicReference<ConnectionReport> last)
            throws MessagingException, MailConnectionException {
        PadlockSmtpTransport transport = AngusLogin.smtp(connector, endpoint, credentials, last::set);
        try {
            if (!transport.supportsExtension("AUTH") && !transport.supportsExtension("AUTH=LOGIN")) {
                // Angus would carry on unauthenticated; a login that did not happen must not look like one that did.
                return new Result(endpoint, Outcome.AUTH_FAILED, "The server " + endpoint.address()
                        + " offers no way to log in over this connection, so the password was not sent.",
                        last.get(), null, false, null);
            }
            return established(endpoint, last.get(), true, null);
        } finally {
            if (transport.isConnected()) {
                transport.close();
            }
        }
    }

    private static Result established(Endpoint endpoint, ConnectionReport report, boolean authenticated, Integer messages) {
        String message = report.message() + (authenticated ? " Logged in." : "");
        return new Result(endpoint, report.outcome(), message, report, null, authenticated, messages);
    }

    private static Result failure(Endpoint endpoint, MessagingException e, ConnectionReport last) {
        ConnectionProblem problem = ConnectionProblem.of(endpoint, e, last);
        return new Result(endpoint, problem.outcome(), problem.message(), problem.report(), problem.refusal(), false, null);
    }
}
