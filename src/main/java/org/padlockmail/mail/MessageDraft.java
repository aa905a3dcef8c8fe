package org.padlockmail.mail;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user composed. Addresses are RFC 5322 strings ("Name &lt;a@b&gt;" or "a@b");
 * {@code html} is optional (sent as an alternative to {@code text}); {@code inReplyTo} and
 * {@code references} are set for replies and forwards.
 */
public record MessageDraft(List<String> to, List<String> cc, List<String> bcc, String subject, String text, String html,
                           List<Path> attachments, String inReplyTo, List<String> references) {

    public MessageDraft {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        attachments = List.copyOf(attachments);
        references = List.copyOf(references);
    }

    public static MessageDraft of(List<String> to, String subject, String text) {
        return new MessageDraft(to, List.of(), List.of(), subject, text, null, List.of(), null, List.of());
    }
}
