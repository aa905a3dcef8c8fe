package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync thread writing while list and search threads read, as in the app: no reader fails, waits for the
 * writer to finish, or sees half a batch.
 */
class ConcurrencyTest {

    private static final int BATCH = 250;
    private static final int BATCHES = 40;

    @TempDir
    Path dir;

    @Test
    void readersSeeWholeBatchesWhileASyncWrites() throws Exception {
        try (MailCache cache = MailCache.open(dir.resolve("threads.sqlite"))) {
            FolderCache inbox = cache.folder("INBOX");
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                Future<?> sync = threads.submit(() -> {
                    try {
                        for (int b = 0; b < BATCHES; b++) {
                            inbox.putHeaders(Headers.range((long) b * BATCH + 1, (long) (b + 1) * BATCH));
                        }
                    } finally {
                        writing.set(false);
                    }
                });
                Future<Integer> list = threads.submit(() -> {
                    int reads = 0;
                    int last = 0;
                    while (writing.get() || reads == 0) {
                        int count = cache.count("INBOX");
                        assertEquals(0, count % BATCH, "half a batch visible: " + count);
                        assertTrue(count >= last, "count went back from " + last + " to " + count);
                        last = count;
                        List<CachedHeader> page = cache.page("INBOX", 0, 50);
                        for (int i = 1; i < page.size(); i++) {
                            assertTrue(page.get(i - 1).uid() > page.get(i).uid());
                        }
                        reads++;
                    }
                    return reads;
                });
                Future<Integer> search = threads.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        int hits = cache.search("message", "INBOX", 100_000).size();
                        assertEquals(0, hits % BATCH, "half a batch searchable: " + hits);
                        reads++;
                    }
                    return reads;
                });
                sync.get(60, TimeUnit.SECONDS);
                int listReads = list.get(60, TimeUnit.SECONDS);
                int searchReads = search.get(60, TimeUnit.SECONDS);
                assertTrue(listReads > 1 && searchReads > 1, listReads + " list reads, " + searchReads + " searches");
                assertEquals(BATCH * BATCHES, cache.count("INBOX"));
                assertEquals(BATCH * BATCHES, cache.search("message", null, 1_000_000).size());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void writesFromSeveralThreadsTakeTurns() throws Exception {
        try (MailCache cache = MailCache.open(dir.resolve("writers.sqlite"))) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String folder = "F" + t;
                    writers.add(threads.submit(() -> {
                        for (int b = 0; b < 10; b++) {
                            cache.folder(folder).putHeaders(Headers.range(b * 100L + 1, b * 100L + 100));
                            cache.queue(PendingChange.addFlags(folder, b * 100L + 1, Headers.SEEN));
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            for (int t = 0; t < 4; t++) {
                assertEquals(1000, cache.count("F" + t));
                assertEquals(990, cache.unreadCount("F" + t));
            }
            assertEquals(40, cache.pending().size());
        }
    }
}
