package org.padlockmail.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

/** A MIME message read into what the reader shows: one place for messages from the server and from .eml files. */
public final class MessageContents {

    private MessageContents() {
    }

    public static MessageContent of(long uid, MimeMessage message) throws MessagingException, IOException {
        Body body = new Body();
        body.walk(message);
        String references = message.getHeader("References", " ");
        return new MessageContent(uid, message.getSubject(), first(message.getFrom()), addresses(message.getReplyTo()),
                addresses(message.getRecipients(Message.RecipientType.TO)),
                addresses(message.getRecipients(Message.RecipientType.CC)), instant(message.getSentDate()),
                message.getMessageID(), references == null ? List.of() : List.of(references.trim().split("\\s+")),
                body.text, body.html, body.attachments);
    }

    /** The part behind attachment {@code index} of {@link #of}'s list. */
    public static Part attachmentPart(MimeMessage message, int index) throws MessagingException, IOException {
        Body body = new Body();
        body.walk(message);
        return body.parts.get(index);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static String first(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? null : display(addresses[0]);
    }

    static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(MessageContents::display).toList();
    }

    /** "Name <address>" for reading, without the quoting that only the wire format needs. */
    private static String display(Address address) {
        if (address instanceof InternetAddress internet) {
            String personal = internet.getPersonal();
            return personal == null || personal.isBlank() ? internet.getAddress() : personal + " <" + internet.getAddress() + ">";
        }
        return address.toString();
    }

    /** Finds the bodies and attachments of a MIME tree, in document order. */
    private static final class Body {
        String text;
        String html;
        final List<MessageContent.Attachment> attachments = new ArrayList<>();
        final List<Part> parts = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                    || part.isMimeType("message/rfc822") || !part.isMimeType("text/*");
            if (!attachment && part.isMimeType("text/plain") && text == null) {
                text = (String) part.getContent();
            } else if (!attachment && part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            } else {
                String contentId = part instanceof MimePart mime ? mime.getContentID() : null;
                attachments.add(new MessageContent.Attachment(parts.size(), part.getFileName(),
                        part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT), part.getSize(), contentId));
                parts.add(part);
            }
        }
    }
}
