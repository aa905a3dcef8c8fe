package org.padlockmail.mail.cache;

/** One message found by {@link MailCache#search}: the folder it is in and its row. */
public record SearchHit(String folder, CachedHeader header) {
}
