package org.padlockmail.mail;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;

/**
 * Logs in with Angus over our secured sockets: every connection's report goes to {@code reports}, and
 * a failure comes back as a {@link ConnectionProblem} classified with the report of the connection that
 * failed. The one way the app, the watcher, sending and the probe log in.
 */
final class AngusLogin {

    private AngusLogin() {
    }

    static IMAPStore imap(SecureConnector connector, Endpoint endpoint, Credentials credentials, Duration readTimeout,
                          Consumer<ConnectionReport> reports) throws MailConnectionException {
        return imap(connector, endpoint, credentials, readTimeout, reports, false, false, null);
    }

    /**
     * A connection for listing headers (folder sync): see {@link AngusConfiguration#session(String,
     * SecuredSocketFactory, Duration, boolean, boolean, boolean)}; its bytes are counted by {@code wire} (may be null).
     */
    static IMAPStore listingImap(SecureConnector connector, Endpoint endpoint, Credentials credentials, Duration readTimeout,
                                 Consumer<ConnectionReport> reports, boolean compress, WireCounter wire)
            throws MailConnectionException {
        return imap(connector, endpoint, credentials, readTimeout, reports, true, compress, wire);
    }

    private static IMAPStore imap(SecureConnector connector, Endpoint endpoint, Credentials credentials, Duration readTimeout,
                                  Consumer<ConnectionReport> reports, boolean listing, boolean compress, WireCounter wire)
            throws MailConnectionException {
        AtomicReference<ConnectionReport> last = new AtomicReference<>();
        SecuredSocketFactory factory = new SecuredSocketFactory(connector, endpoint, report -> {
            last.set(report);
            reports.accept(report);
        }, wire);
        try {
            IMAPStore store = (IMAPStore) AngusConfiguration.session("imap", factory, readTimeout, true, listing, compress)
                    .getStore(AngusConfiguration.IMAP);
            store.connect(endpoint.host(), endpoint.port(), credentials.user(), credentials.password());
            return store;
        } catch (MessagingException e) {
            throw new MailConnectionException(ConnectionProblem.of(endpoint, e, last.get()), e);
        }
    }

    static PadlockSmtpTransport smtp(SecureConnector connector, Endpoint endpoint, Credentials credentials,
                                     Consumer<ConnectionReport> reports) throws MailConnectionException {
        AtomicReference<ConnectionReport> last = new AtomicReference<>();
        SecuredSocketFactory factory = new SecuredSocketFactory(connector, endpoint, report -> {
            last.set(report);
            reports.accept(report);
        });
        try {
            PadlockSmtpTransport transport = (PadlockSmtpTransport) AngusConfiguration
                    .session("smtp", factory, connector.deadline(), true).getTransport(AngusConfiguration.SMTP);
            transport.connect(endpoint.host(), endpoint.port(), credentials.user(), credentials.password());
            return transport;
        } catch (MessagingException e) {
            throw new MailConnectionException(ConnectionProblem.of(endpoint, e, last.get()), e);
        }
    }
}
