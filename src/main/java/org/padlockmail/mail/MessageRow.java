package org.padlockmail.mail;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.padlockmail.mail.cache.CachedHeader;

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

    /** The row of a cached message; the cache keeps times as epoch seconds (0: none) and To joined with ", ". */
    public static MessageRow of(CachedHeader cached) {
        int flags = cached.flags();
        return new MessageRow(cached.uid(), CachedHeader.Flag.SEEN.in(flags), CachedHeader.Flag.FLAGGED.in(flags),
                CachedHeader.Flag.ANSWERED.in(flags), instant(cached.sentDate()), instant(cached.internalDate()),
                cached.from(), cached.to() == null || cached.to().isEmpty() ? List.of() : Arrays.asList(cached.to().split(", ")),
                cached.subject(), cached.messageId(), cached.size(), cached.attachments());
    }

    private static Instant instant(long epochSeconds) {
        return epochSeconds == 0 ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
