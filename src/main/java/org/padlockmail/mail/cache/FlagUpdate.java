package org.padlockmail.mail.cache;

/** New flags for a cached message (from a FETCH FLAGS answer or an untagged FETCH during a sync). */
public record FlagUpdate(long uid, int flags, long modSeq) {
}
