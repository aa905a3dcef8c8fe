package org.padlockmail.mail.sync;

/**
 * Told after each batch of headers has been written to the cache, on the sync's thread, so a list can show
 * the first rows long before a big folder is done. Keep it short; hand work to another thread.
 */
@FunctionalInterface
public interface SyncProgress {

    SyncProgress NONE = (done, total) -> { };

    /**
     * @param done  headers written so far in this sync
     * @param total headers this sync expects to write (the folder's size for a cold sync)
     */
    void rows(long done, long total);
}
