package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.cache.CacheException;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FlagUpdate;
import org.padlockmail.mail.cache.FolderCache;
import org.padlockmail.mail.cache.FolderState;
import org.padlockmail.testing.HostileServer;
import org.padlockmail.testing.MemoryFolderCache;

/**
 * A cold sync asks for the first batch alone, then keeps two FETCHes in flight and writes rows on a thread
 * of its own: answers are sorted into their batch by message number whatever order they come in, the first
 * screen is in the cache before the server answers the second batch, and a cache that fails ends the sync
 * without saving its state.
 */
class FolderSyncPipelineTest {

    private static final String CAPS = "IMAP4rev1 AUTH=PLAIN ENABLE CONDSTORE QRESYNC ESEARCH";
    /** Seven messages in batches of 2 (6:7), 3 (3:5) and 2 (1:2). */
    private static final SyncOptions OPTIONS = SyncOptions.defaults().withContentType(false).withCompress(false)
            .withChunks(2, 3).withReadTimeout(Duration.ofSeconds(5));
    private static final String EXAMINE = "* 7 EXISTS\r\n* OK [UIDVALIDITY 9] v\r\n* OK [UIDNEXT 8] n\r\n"
            + "* OK [HIGHESTMODSEQ 50] m";

    @TempDir
    Path folder;

    private static String fetch(long n) {
        return ScriptedImap.fetch(n, n, "subject " + n, 10 + n);
    }

    private static ScriptedImap script() {
        return new ScriptedImap(CAPS).enableQresync().reply("EXAMINE .*", EXAMINE.split("\r\n"));
    }

    private SyncConnection open(HostileServer server) throws Exception {
        return SyncConnection.open(ScriptedImap.account(server.port()), "secret", ScriptedImap.connector(folder),
                r -> { }, OPTIONS);
    }

    @Test
    void afterTheFirstBatchTheNextFetchIsSentBeforeTheAnswersAndInterleavedAnswersLandInTheirBatch() throws Exception {
        AtomicBoolean pipelined = new AtomicBoolean();
        ScriptedImap script = script()
                .reply("FETCH 6:7 .*", fetch(7), fetch(6))
                .on("FETCH 3:5 .*", (c, tag) -> {
                    // The third FETCH arrives before a byte of the second one's answer was sent.
                    String third = c.readLine();
                    pipelined.set(third.matches("\\S+ FETCH 1:2 .*"));
                    String tag3 = third.substring(0, third.indexOf(' '));
                    // Answers of both mixed, and the later command completed first: all allowed by IMAP.
                    c.write(fetch(2) + "\r\n" + fetch(5) + "\r\n" + fetch(4) + "\r\n" + fetch(1) + "\r\n"
                            + fetch(3) + "\r\n" + tag3 + " OK done\r\n" + tag + " OK done\r\n");
                });
        List<long[]> progress = new ArrayList<>();
        try (HostileServer server = new HostileServer().then(script).start(); SyncConnection connection = open(server)) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            SyncResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> connection.sync(cache, (done, total) -> progress.add(new long[] {done, total})));
            assertTrue(pipelined.get(), "FETCH 1:2 was sent before the answers to FETCH 3:5 were read");
            assertEquals(SyncPath.COLD, result.path());
            assertEquals(7, result.added());
            assertEquals(List.of(List.of(7L, 6L), List.of(5L, 4L, 3L), List.of(2L, 1L)), cache.batchUids);
            for (long uid = 1; uid <= 7; uid++) {
                assertEquals("subject " + uid, cache.row(uid).subject());
            }
            assertEquals(1, cache.saves);
            assertEquals(new FolderState(9, 8, 50), cache.state().orElseThrow());
            assertEquals(2, progress.get(0)[0], "the first screen is told on its own");
            assertEquals(7, progress.get(progress.size() - 1)[0]);
            assertTrue(progress.stream().allMatch(p -> p[1] == 7));
            assertTrue(connection.isOpen());
        }
    }

    @Test
    void theFirstBatchIsInTheCacheBeforeTheServerAnswersTheSecond() throws Exception {
        CountDownLatch firstShown = new CountDownLatch(1);
        AtomicBoolean shownInTime = new AtomicBoolean();
        ScriptedImap script = script()
                .reply("FETCH 6:7 .*", fetch(7), fetch(6))
                .on("FETCH 3:5 .*", (c, tag) -> {
                    try {
                        shownInTime.set(firstShown.await(5, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    c.write(fetch(5) + "\r\n" + fetch(4) + "\r\n" + fetch(3) + "\r\n" + tag + " OK done\r\n");
                })
                .reply("FETCH 1:2 .*", fetch(2), fetch(1));
        try (HostileServer server = new HostileServer().then(script).start(); SyncConnection connection = open(server)) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            connection.sync(cache, (done, total) -> {
                if (done >= 2 && cache.size() >= 2) {
                    firstShown.countDown();
                }
            });
            assertTrue(shownInTime.get(), "the first two rows were written and told while FETCH 3:5 was unanswered");
            assertEquals(7, cache.size());
        }
    }

    @Test
    void aCacheThatFailsOnTheWriterThreadEndsTheSyncWithoutSavingItsState() throws Exception {
        ScriptedImap script = script()
                .reply("FETCH 6:7 .*", fetch(7), fetch(6))
                .reply("FETCH 3:5 .*", fetch(5), fetch(4), fetch(3))
                .reply("FETCH 1:2 .*", fetch(2), fetch(1));
        CacheException broken = new CacheException("disk full", null);
        try (HostileServer server = new HostileServer().then(script).start(); SyncConnection connection = open(server)) {
            MemoryFolderCache rows = new MemoryFolderCache("INBOX");
            FailingCache cache = new FailingCache(rows, 2, broken); // the first batch on the writer thread fails
            CacheException e = assertThrows(CacheException.class, () -> connection.sync(cache, SyncProgress.NONE));
            assertSame(broken, e);
            assertTrue(cache.failedOn.startsWith("padlock-sync-writer"), cache.failedOn);
            assertEquals(0, rows.saves, "no state saved: the next sync starts over");
            assertTrue(rows.state().isEmpty());

            // The connection was left in step: the same connection syncs again.
            assertTrue(connection.isOpen());
            MemoryFolderCache again = new MemoryFolderCache("INBOX");
            SyncResult result = connection.sync(again, SyncProgress.NONE);
            assertEquals(7, result.added());
            assertEquals(1, again.saves);
        }
    }

    /** Fails the n-th putHeaders, remembering on which thread. */
    private static final class FailingCache implements FolderCache {
        private final MemoryFolderCache rows;
        private final int failOn;
        private final RuntimeException failure;
        private final AtomicInteger puts = new AtomicInteger();
        volatile String failedOn = "";

        FailingCache(MemoryFolderCache rows, int failOn, RuntimeException failure) {
            this.rows = rows;
            this.failOn = failOn;
            this.failure = failure;
        }

        @Override
        public String folder() {
            return rows.folder();
        }

        @Override
        public Optional<FolderState> state() {
            return rows.state();
        }

        @Override
        public void reset() {
            rows.reset();
        }

        @Override
        public void putHeaders(List<CachedHeader> headers) {
            if (puts.incrementAndGet() == failOn) {
                failedOn = Thread.currentThread().getName();
                throw failure;
            }
            rows.putHeaders(headers);
        }

        @Override
        public void updateFlags(List<FlagUpdate> updates) {
            rows.updateFlags(updates);
        }

        @Override
        public void remove(long[] uids) {
            rows.remove(uids);
        }

        @Override
        public long[] uids() {
            return rows.uids();
        }

        @Override
        public int count() {
            return rows.count();
        }

        @Override
        public void saveState(FolderState state) {
            rows.saveState(state);
        }
    }
}
