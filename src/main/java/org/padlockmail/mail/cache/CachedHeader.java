package org.padlockmail.mail.cache;

/**
 * One message of a folder as the cache keeps it: what the message list shows and search finds, copied
 * out of a FETCH response, with nothing per row that is not needed. Times are epoch seconds (0 when the
 * server sent none); {@code flags} is a {@link Flag} bit set; {@code modSeq} is 0 without CONDSTORE.
 *
 * @param from        the first From address, as "Name <address>" or the bare address
 * @param to          the To addresses, joined with ", "
 * @param attachments whether the message is multipart/mixed (what the list marks with a paperclip)
 */
public record CachedHeader(long uid, int flags, long modSeq, long internalDate, long size, long sentDate,
                           String subject, String from, String to, String messageId, String inReplyTo,
                           boolean attachments) {

    /** The system flags a row keeps, as bits of {@link CachedHeader#flags()}. */
    public enum Flag {
        SEEN, ANSWERED, FLAGGED, DELETED, DRAFT;

        public int bit() {
            return 1 << ordinal();
        }

        public boolean in(int flags) {
            return (flags & bit()) != 0;
        }
    }

    public CachedHeader withFlags(int newFlags, long newModSeq) {
        return new CachedHeader(uid, newFlags, newModSeq, internalDate, size, sentDate, subject, from, to, messageId,
                inReplyTo, attachments);
    }
}
