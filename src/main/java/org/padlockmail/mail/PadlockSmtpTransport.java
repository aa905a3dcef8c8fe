package org.padlockmail.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** Angus' SMTP transport, registered for "smtp" in every session we create. */
public final class PadlockSmtpTransport extends SMTPTransport {

    public PadlockSmtpTransport(Session session, URLName url) {
        super(session, url);
    }

    /**
     * A failed EHLO makes Angus fall back to HELO and carry on without extensions, and so without
     * authentication: refuse instead. (The connection is already protected; this EHLO is the first one the
     * protocol layer sends.)
     */
    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        if (!super.ehlo(domain)) {
            throw new EhloRefusedException(getLastServerResponse());
        }
        return true;
    }

    static final class EhloRefusedException extends MessagingException {
        private static final long serialVersionUID = 1L;

        EhloRefusedException(String reply) {
            super("the server rejected EHLO over TLS: " + reply);
        }
    }
}
