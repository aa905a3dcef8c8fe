package org.padlockmail.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.function.Consumer;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;

/** Hands one message to the account's submission server, through the same secure connection layer as everything else. */
public final class SmtpSubmission {

    private final SecureConnector connector;
    private final Consumer<ConnectionReport> reports;

    public SmtpSubmission(SecureConnector connector, Consumer<ConnectionReport> reports) {
        this.connector = connector;
        this.reports = reports;
    }

    /** Angus puts each rejected recipient's reply in a chain behind a generic "Invalid Addresses". */
    private static String serverReplies(MessagingException e) {
        StringBuilder replies = new StringBuilder();
        for (Exception next = e.getNextException(); next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            replies.append(replies.isEmpty() ? "" : "; ").append(next.getMessage().strip());
        }
        return replies.isEmpty() ? e.getMessage().strip() : replies.toString();
    }

    public void send(Account account, String password, MimeMessage message) throws SendFailure {
        Endpoint endpoint = account.smtp().endpoint(Service.SMTP);
        if (endpoint.mode() == SecurityMode.PLAIN && !account.smtp().allowPlaintextPassword()) {
            throw new SendFailure(SendFailure.Kind.NEEDS_USER, "Not sent: the connection to " + endpoint.address()
                    + " is not encrypted, and sending the password over it was not explicitly allowed.", null);
        }
        PadlockSmtpTransport transport;
        try {
            transport = AngusLogin.smtp(connector, endpoint, new Credentials(account.userName(), password), reports);
        } catch (MailConnectionException e) {
            // An unreachable server may come back; a refused certificate or login needs the user.
            boolean retry = e.problem().outcome() == Outcome.CONNECT_FAILED;
            throw new SendFailure(retry ? SendFailure.Kind.RETRY : SendFailure.Kind.NEEDS_USER, e.getMessage(), e);
        }
        try {
            if (!transport.supportsExtension("AUTH") && !transport.supportsExtension("AUTH=LOGIN")) {
                throw new SendFailure(SendFailure.Kind.NEEDS_USER, "Not sent: " + endpoint.address()
                        + " offers no way to log in over this connection.", null);
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (SMTPSendFailedException e) {
            int code = e.getReturnCode();
            throw new SendFailure(code >= 400 && code < 500 ? SendFailure.Kind.RETRY : SendFailure.Kind.PERMANENT,
                    "The server did not accept the message: " + e.getMessage().strip(), e);
        } catch (SendFailedException e) {
            throw new SendFailure(SendFailure.Kind.PERMANENT, "The server did not accept the message: " + serverReplies(e), e);
        } catch (MessagingException e) {
            // A connection that broke during the transfer: the server did not take the message.
            throw new SendFailure(SendFailure.Kind.RETRY, "The connection broke while sending: " + e.getMessage(), e);
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the message was handed over or the failure is already reported
            }
        }
    }
}
