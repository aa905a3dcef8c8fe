package org.padlockmail.mail.sync;

/**
 * What the server's search found in one folder: UIDs, ascending, valid for {@code uidValidity} only.
 */
public record ServerHits(String folder, long uidValidity, long[] uids) {
}
