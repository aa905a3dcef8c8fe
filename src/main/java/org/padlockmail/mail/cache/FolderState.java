package org.padlockmail.mail.cache;

/**
 * What a warm sync starts from: the folder's UIDVALIDITY and UIDNEXT at the end of the last sync, and its
 * HIGHESTMODSEQ (0 when the server has no CONDSTORE).
 */
public record FolderState(long uidValidity, long uidNext, long highestModSeq) {
}
