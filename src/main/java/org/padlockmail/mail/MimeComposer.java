package org.padlockmail.mail;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Turns a draft into a MIME message: UTF-8 throughout, Message-ID and Date set, nothing about this machine revealed. */
public final class MimeComposer {

    private final Clock clock;

    public MimeComposer(Clock clock) {
        this.clock = clock;
    }

    public MimeMessage compose(Account account, MessageDraft draft) throws MessagingException {
        String messageId = "<" + UUID.randomUUID() + "@" + domainOf(account.address()) + ">";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // The default would put this machine's host name into every message.
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(account.address(), account.displayName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        message.setRecipients(Message.RecipientType.TO, parse(draft.to()));
        message.setRecipients(Message.RecipientType.CC, parse(draft.cc()));
        message.setRecipients(Message.RecipientType.BCC, parse(draft.bcc()));
        message.setSubject(draft.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        if (draft.inReplyTo() != null) {
            message.setHeader("In-Reply-To", draft.inReplyTo());
        }
        if (!draft.references().isEmpty()) {
            message.setHeader("References", MimeUtility.fold(12, String.join(" ", draft.references())));
        }

        if (draft.attachments().isEmpty()) {
            if (draft.html() == null) {
                message.setText(draft.text(), "UTF-8");
            } else {
                message.setContent(alternative(draft));
            }
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            if (draft.html() == null) {
                body.setText(draft.text(), "UTF-8");
            } else {
                body.setContent(alternative(draft));
            }
            mixed.addBodyPart(body);
            for (var file : draft.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new FileDataSource(file.toFile())));
                part.setFileName(file.getFileName().toString()); // RFC 2231-encoded when not ASCII
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private static MimeMultipart alternative(MessageDraft draft) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(draft.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(draft.html(), "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        return alternative;
    }

    /** Strict parsing: a typo in an address is an error now, not a bounce later. */
    private static InternetAddress[] parse(List<String> addresses) throws AddressException {
        return InternetAddress.parse(String.join(", ", addresses), true);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at >= 0 ? address.substring(at + 1) : "padlock-mail.invalid";
    }
}
