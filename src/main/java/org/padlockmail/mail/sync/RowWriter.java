package org.padlockmail.mail.sync;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FolderCache;

/**
 * Writes batches of rows to the cache on a thread of its own, so that reading and parsing the next FETCH
 * overlaps the SQLite transaction of the previous one. The queue is bounded: when the cache is slower than
 * the network, the sync waits instead of holding the whole folder in memory.
 *
 * <p>A write that fails stops the writer; the sync thread gets that failure back from its next {@link #put}
 * or from {@link #finish}, which also waits until every batch handed over is committed. Nothing else of the
 * cache is touched while the writer runs, so the cache sees one writer at a time.
 */
final class RowWriter implements AutoCloseable {

    private static final List<CachedHeader> END = List.of();

    private final FolderCache cache;
    private final BlockingQueue<List<CachedHeader>> queue;
    private final Thread thread;
    private final AtomicLong committed = new AtomicLong();
    private volatile RuntimeException failure;

    RowWriter(FolderCache cache, int capacity) {
        this.cache = cache;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::write, "padlock-sync-writer " + cache.folder());
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a batch over, waiting while the queue is full; throws the writer's failure if it had one. */
    void put(List<CachedHeader> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            while (!queue.offer(rows, 50, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing rows to the cache", e);
        }
        rethrow();
    }

    /** Rows committed to the cache so far. */
    long committed() {
        return committed.get();
    }

    /** Waits until every batch handed over is committed; throws the writer's failure if it had one. */
    void finish() {
        stop();
        rethrow();
    }

    /** Stops the writer after what it already has (or at once after a failure), waiting for it. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        if (!thread.isAlive()) {
            return;
        }
        boolean interrupted = false;
        try {
            while (failure == null && !queue.offer(END, 50, TimeUnit.MILLISECONDS)) {
                // the writer is still busy with a full queue
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private void write() {
        try {
            while (true) {
                List<CachedHeader> rows = queue.take();
                if (rows == END) {
                    return;
                }
                cache.putHeaders(rows);
                committed.addAndGet(rows.size());
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("the cache writer was interrupted", e);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the cache writer failed: " + e, e);
            throw e;
        }
    }
}
