package org.padlockmail.mail;

import java.time.Instant;
import java.util.List;

/**
 * One line of a message list: copied out of the protocol layer so that no Angus message object is kept
 * per row (they hold on to their folder and cost far more memory).
 */
public record MessageRow(long uid, boolean seen, boolean flagged, boolean answered, Instant sent, Instant received,
                         String from, List<String> to, String subject, String messageId, long size,
                         boolean attachments) {

    public MessageRow {
        to = List.copyOf(to);
    }
}
