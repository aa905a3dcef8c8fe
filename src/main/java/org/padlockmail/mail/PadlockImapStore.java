package org.padlockmail.mail;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;

/** Angus' IMAP store with our protocol class, registered for "imap" in every session we create. */
public final class PadlockImapStore extends IMAPStore {

    public PadlockImapStore(Session session, URLName url) {
        super(session, url);
    }

    @Override
    protected IMAPProtocol newIMAPProtocol(String host, int port) throws IOException, ProtocolException {
        return new StrictImapProtocol(name, host, port, session.getProperties(), logger);
    }

    /**
     * Refuses a server that answers CAPABILITY without listing any: the protocol layer would otherwise
     * go on with no capabilities, or with whatever it had been told before.
     */
    static final class StrictImapProtocol extends IMAPProtocol {

        StrictImapProtocol(String name, String host, int port, Properties props, MailLogger logger)
                throws IOException, ProtocolException {
            super(name, host, port, props, false, logger);
        }

        @Override
        public void capability() throws ProtocolException {
            super.capability();
            if (getCapabilities() == null || getCapabilities().isEmpty()) {
                throw new MissingCapabilitiesException();
            }
        }
    }

    static final class MissingCapabilitiesException extends ProtocolException {
        private static final long serialVersionUID = 1L;

        MissingCapabilitiesException() {
            super("the server answered CAPABILITY without listing its capabilities");
        }
    }
}
