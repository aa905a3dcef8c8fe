package org.padlockmail.mail.sync;

/**
 * Told after headers have been written to the cache, on the sync's thread, so a list can show the first rows
 * long before a big folder is done: at once after the first batch, then as the cache commits the others (a
 * cold sync writes them on a thread of its own, so one call may cover several batches, and {@code done}
 * only grows). Keep it short; hand work to another thread.
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
