package org.padlockmail.mail.sync;

import java.time.Duration;
import org.padlockmail.mail.cache.FolderState;

/**
 * What one folder sync did.
 *
 * @param added        headers of messages new to the cache
 * @param changed      rows whose flags were written: those the server reported changed (QRESYNC, CONDSTORE), or
 *                     every cached row (FULL, where the cache's flags cannot be compared)
 * @param removed      cached rows removed because the server no longer has them
 * @param reconciled   whether the counts did not add up and a UID SEARCH was needed to set the cache right
 * @param bytesRead    bytes read from the connection during this sync (IMAP bytes inside TLS, compressed when
 *                     COMPRESS is on; TLS records not counted)
 * @param bytesWritten bytes written, counted the same way
 * @param state        the state saved at the end
 */
public record SyncResult(String folder, SyncPath path, int added, int changed, int removed, boolean reconciled,
                         Duration duration, long bytesRead, long bytesWritten, FolderState state) {
}
