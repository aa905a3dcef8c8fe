package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.mail.cache.Headers.header;
import static org.padlockmail.mail.cache.Headers.range;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index filled after the sync: what waits for it, resuming after a restart, the background thread. */
class IndexingTest {

    @TempDir
    Path dir;

    private Path file;
    private MailCache cache;

    @BeforeEach
    void open() {
        file = dir.resolve("index.sqlite");
        cache = MailCache.open(file, false);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private long query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            return r.getLong(1);
        }
    }

    private List<Long> find(String query) {
        return cache.search(query, null, 100).stream().map(hit -> hit.header().uid()).toList();
    }

    private int indexAll() {
        int total = 0;
        int batch;
        while ((batch = cache.indexPending(7)) > 0) {
            total += batch;
        }
        return total;
    }

    @Test
    void putHeadersLeavesTheIndexForLaterAndSearchFindsTheRowsBeforeAndAfter() throws Exception {
        cache.folder("INBOX").putHeaders(range(1, 20));
        cache.folder("INBOX").putHeaders(List.of(header(21, "Walrus sighting")));

        assertEquals(21, cache.unindexedCount());
        assertEquals(0, query("SELECT count(*) FROM search"));
        assertEquals(List.of(21L), find("walrus"));
        assertEquals(List.of(21L), find("WALRUS sight"));

        assertEquals(21, indexAll());

        assertEquals(0, cache.unindexedCount());
        assertEquals(0, query("SELECT count(*) FROM unindexed"));
        assertEquals(21, query("SELECT count(*) FROM search"));
        assertEquals(List.of(21L), find("walrus"));
        assertEquals(0, cache.indexPending(100));
    }

    @Test
    void indexingGoesNewestFirstAndResumesAfterReopening() throws Exception {
        cache.folder("INBOX").putHeaders(range(1, 30));
        assertEquals(10, cache.indexPending(10));
        assertEquals(21, query("SELECT min(rowid) & 0xFFFFFFFF FROM search"), "UIDs 21 to 30 first");
        cache.close();

        cache = MailCache.open(file, false);

        assertEquals(20, cache.unindexedCount());
        // 30 from the index, 3 by scanning the rows not indexed yet
        assertEquals(List.of(30L, 3L), find("\"message 3\""));
        assertEquals(20, indexAll());
        assertEquals(30, query("SELECT count(*) FROM search"));
        assertEquals(List.of(30L, 3L), find("\"message 3\""));
    }

    @Test
    void aReplacedRowIsFoundByItsNewTextOnly() {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(List.of(header(1, "penguin parade")));
        indexAll();

        inbox.putHeaders(List.of(header(1, "otter report")));

        assertEquals(List.of(), find("penguin"), "the old entry is out of the index");
        assertEquals(List.of(1L), find("otter"));
        indexAll();
        assertEquals(List.of(), find("penguin"));
        assertEquals(List.of(1L), find("otter"));
    }

    @Test
    void theSameRowsWrittenTwiceAreIndexedOnce() throws Exception {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 10));
        inbox.putHeaders(range(5, 15));
        inbox.putHeaders(List.of(header(3, "again")));

        assertEquals(15, cache.unindexedCount());
        assertEquals(1, query("SELECT count(*) FROM unindexed"), "overlapping ranges are merged");
        assertEquals(15, indexAll());
        assertEquals(15, query("SELECT count(*) FROM search"));
    }

    @Test
    void aBatchWithGapsWaitsAsOneRangeUnlessCachedRowsLieBetween() throws Exception {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(List.of(header(1, "one"), header(5, "five"), header(9, "nine")));
        assertEquals(1, query("SELECT count(*) FROM unindexed"), "a cold batch, UIDs with gaps");
        assertEquals(3, cache.unindexedCount());
        assertEquals(3, indexAll());

        inbox.putHeaders(List.of(header(1, "one again"), header(7, "seven"), header(12, "twelve")));

        assertEquals(3, query("SELECT count(*) FROM unindexed"), "5 and 9 are indexed and stay so");
        assertEquals(3, indexAll());
        assertEquals(5, query("SELECT count(*) FROM search"));
        assertEquals(List.of(1L), find("again"));
        assertEquals(List.of(9L), find("nine"));
    }

    @Test
    void aBodyPutBeforeIndexingIsIndexedOnceWithItsHeaders() throws Exception {
        cache.folder("INBOX").putHeaders(range(1, 5));
        cache.putBody("INBOX", 3, "raw".getBytes(StandardCharsets.US_ASCII), "the walrus said");

        assertEquals(4, cache.unindexedCount(), "the row with a body is indexed now");
        assertEquals(2, query("SELECT count(*) FROM unindexed"), "its range split around it");
        assertEquals(List.of(3L), find("walrus"));
        assertEquals(List.of(3L), find("walrus message"));
        assertEquals(4, indexAll());
        assertEquals(5, query("SELECT count(*) FROM search"));
        assertEquals(List.of(3L), find("walrus message"));
    }

    @Test
    void aRowReplacedAfterItsBodyWasCachedKeepsTheBodySearchable() {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 2));
        cache.putBody("INBOX", 2, "raw".getBytes(StandardCharsets.US_ASCII), "the walrus said");
        inbox.putHeaders(List.of(header(2, "renamed")));

        assertEquals(List.of(2L), find("walrus renamed"), "before indexing, by scanning");
        indexAll();
        assertEquals(List.of(2L), find("walrus renamed"), "after");
    }

    @Test
    void removedRowsNoLongerWait() throws Exception {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 10));
        inbox.remove(new long[] {2, 3, 4});

        assertEquals(7, cache.unindexedCount());
        assertEquals(7, indexAll());
        assertEquals(7, query("SELECT count(*) FROM search"));
    }

    @Test
    void resetAndDeleteFolderDropWhatWaitsOfThatFolderOnly() throws Exception {
        cache.folder("INBOX").putHeaders(range(1, 10));
        cache.folder("Sent").putHeaders(range(1, 4));
        cache.folder("Old").putHeaders(range(1, 3));

        cache.folder("INBOX").reset();
        cache.deleteFolder("Old");

        assertEquals(4, cache.unindexedCount());
        assertEquals(1, query("SELECT count(*) FROM unindexed"));
        assertEquals(4, indexAll());
        assertEquals(List.of("Sent"), cache.search("message", null, 10).stream().map(SearchHit::folder).distinct().toList());
    }

    @Test
    void theBackgroundIndexerCatchesUpOnceWritesPause() throws Exception {
        cache.folder("INBOX").putHeaders(range(1, 50));
        cache.close();
        cache = MailCache.open(file);
        cache.folder("INBOX").putHeaders(range(51, 60));

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (cache.unindexedCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertEquals(0, cache.unindexedCount(), "the rows of before the restart and the new ones");
        assertEquals(60, query("SELECT count(*) FROM search"));
        assertTrue(find("message 55").contains(55L));
    }
}
