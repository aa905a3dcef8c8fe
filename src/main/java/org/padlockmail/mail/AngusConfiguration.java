package org.padlockmail.mail;

import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/**
 * The Angus Mail settings every session of ours uses. The security-relevant ones: our socket factory
 * for every connection, no fallback to the JVM's factory (which would silently bypass pinning), Angus'
 * own TLS and STARTTLS off (the socket is protected before Angus sees it), and finite timeouts (Angus'
 * defaults are infinite).
 */
final class AngusConfiguration {

    static final Provider IMAP = new Provider(Provider.Type.STORE, "imap", PadlockImapStore.class.getName(), "Padlock Mail", "1");
    static final Provider SMTP = new Provider(Provider.Type.TRANSPORT, "smtp", PadlockSmtpTransport.class.getName(), "Padlock Mail", "1");

    static {
        // Without it jakarta.mail 2.1 searches the class path for a stream provider at every encoded word,
        // which made header decoding many times slower in our measurement.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private AngusConfiguration() {
    }

    static Session session(String protocol, SecuredSocketFactory factory, Duration timeout, boolean authenticate) {
        return session(protocol, factory, timeout, authenticate, false);
    }

    /**
     * For a connection that lists headers ({@code listing}): IMAP asks for COMPRESS=DEFLATE (RFC 4978) after
     * login when the server offers it, and envelope addresses are not validated, so that one message with a
     * malformed address (spam has plenty) cannot make a whole FETCH unreadable.
     */
    static Session session(String protocol, SecuredSocketFactory factory, Duration timeout, boolean authenticate,
                           boolean listing, boolean compress) {
        Session session = session(protocol, factory, timeout, authenticate, compress);
        if (listing) {
            session.getProperties().put("mail.mime.address.strict", "false");
        }
        return session;
    }

    private static Session session(String protocol, SecuredSocketFactory factory, Duration timeout, boolean authenticate,
                                   boolean compress) {
        Properties props = new Properties();
        for (String prefix : new String[] {"mail.imap", "mail.imaps", "mail.smtp", "mail.smtps"}) {
            props.put(prefix + ".socketFactory.fallback", "false");
            props.put(prefix + ".ssl.enable", "false");
            props.put(prefix + ".starttls.enable", "false");
        }
        String prefix = "mail." + protocol;
        props.put(prefix + ".socketFactory", factory);
        String millis = Long.toString(timeout.toMillis());
        props.put(prefix + ".connectiontimeout", millis);
        props.put(prefix + ".timeout", millis);
        props.put(prefix + ".writetimeout", millis);
        // Reading a message must not mark it seen on its own: the reader decides that.
        props.put("mail.imap.peek", "true");
        if (compress) {
            props.put("mail.imap.compress.enable", "true");
        }
        if (protocol.equals("smtp")) {
            props.put("mail.smtp.localhost", SecureConnector.CLIENT_NAME);
            props.put("mail.smtp.auth", Boolean.toString(authenticate));
        }
        return Session.getInstance(props);
    }
}
