package org.padlockmail.mail;

import java.time.Instant;
import java.util.List;

/**
 * What a reader shows of one message: headers, the plain and/or HTML body decoded from their charsets,
 * and the attachments (read on demand with {@link ImapSession#saveAttachment}).
 */
public record MessageContent(long uid, String subject, String from, List<String> replyTo, List<String> to, List<String> cc,
                             Instant sent, String messageId, List<String> references, String text, String html,
                             List<Attachment> attachments) {

    public MessageContent {
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
    }

    /**
     * @param index     the position among this message's attachments, for {@link ImapSession#saveAttachment}
     * @param contentId set for inline parts referenced from HTML as {@code cid:}
     * @param size      the encoded size the server reports; the decoded file is about 3/4 of it for base64
     */
    public record Attachment(int index, String fileName, String contentType, long size, String contentId) {
    }
}
