package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.mail.cache.Headers.FLAGGED;
import static org.padlockmail.mail.cache.Headers.SEEN;
import static org.padlockmail.mail.cache.Headers.header;
import static org.padlockmail.mail.cache.Headers.range;
import static org.padlockmail.mail.cache.Headers.uids;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache as a folder sync writes it and the message list reads it, on a real SQLite file. */
class MailCacheTest {

    @TempDir
    Path dir;

    private Path file;
    private MailCache cache;

    @BeforeEach
    void open() {
        file = dir.resolve("cache").resolve("account.sqlite");
        // indexing on this thread, when a test says so
        cache = MailCache.open(file, false);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    /** Entries in the search index itself, hits or not: removed messages must not leave any behind. */
    private long searchEntries() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM search")) {
            return r.getLong(1);
        }
    }

    /** Ranges of rows waiting for the search index, in the file. */
    private long unindexedRanges() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM unindexed")) {
            return r.getLong(1);
        }
    }

    private void indexAll() {
        while (cache.indexPending(1_000) > 0) {
            // until nothing waits
        }
    }

    private static List<Long> uidsOf(List<CachedHeader> rows) {
        return rows.stream().map(CachedHeader::uid).toList();
    }

    @Test
    void reopeningKeepsRowsStateBodiesAndQueue() {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 10));
        inbox.saveState(new FolderState(77, 11, 1234));
        cache.putBody("INBOX", 3, "Subject: x\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII), "hello");
        cache.queue(PendingChange.addFlags("INBOX", 4, FLAGGED));
        cache.close();

        cache = MailCache.open(file);
        FolderCache again = cache.folder("INBOX");
        assertEquals(Optional.of(new FolderState(77, 11, 1234)), again.state());
        assertArrayEquals(uids(range(1, 10)), again.uids());
        assertEquals(10, again.count());
        assertEquals(range(1, 10).get(6), cache.header("INBOX", 7).orElseThrow());
        assertEquals("Subject: x\r\n\r\nhello", new String(cache.body("INBOX", 3).orElseThrow(), StandardCharsets.US_ASCII));
        assertEquals(1, cache.pending().size());
        assertTrue(cache.setAside().isEmpty());
        assertEquals(List.of("INBOX"), cache.folders());
    }

    @Test
    void aFolderNeverSyncedHasNoStateAndNoRows() {
        FolderCache archive = cache.folder("Archive");
        assertTrue(archive.state().isEmpty());
        assertEquals(0, archive.uids().length);
        assertEquals(0, archive.count());
        assertEquals(0, cache.count("Archive"));
        assertTrue(cache.page("Archive", 0, 50).isEmpty());
        assertTrue(cache.header("Archive", 1).isEmpty());
    }

    @Test
    void putHeadersReplacesRowsWithTheSameUid() {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(List.of(header(1, "first"), header(2, "second")));
        CachedHeader replaced = header(2, 1_800_000_000L, "second, again", "Carol <carol@padlock.test>", "dan@padlock.test")
                .withFlags(SEEN, 99);
        inbox.putHeaders(List.of(replaced, header(3, "third")));

        assertEquals(3, cache.count("INBOX"));
        assertEquals(replaced, cache.header("INBOX", 2).orElseThrow());
        assertEquals(List.of(2L), uidsOf(cache.search("second", null, 10).stream().map(SearchHit::header).toList()));
        assertEquals(List.of(2L), uidsOf(cache.search("carol", null, 10).stream().map(SearchHit::header).toList()));
        // the replaced row's old sender is gone from the index
        assertEquals(List.of(3L, 1L), uidsOf(cache.search("alice", null, 10).stream().map(SearchHit::header).toList()));
    }

    @Test
    void foldersAreKeptApart() {
        cache.folder("INBOX").putHeaders(range(1, 5));
        cache.folder("Sent").putHeaders(range(1, 3));
        cache.folder("Sent").remove(new long[] {1, 2});

        assertEquals(5, cache.count("INBOX"));
        assertArrayEquals(new long[] {3}, cache.folder("Sent").uids());
        assertEquals(1, cache.folder("Sent").count());
        assertEquals(5, cache.folder("INBOX").count());
        assertEquals(List.of("INBOX", "Sent"), cache.folders());
    }

    @Test
    void updateFlagsChangesCachedRowsAndIgnoresUnknownUids() {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 3));
        inbox.updateFlags(List.of(new FlagUpdate(2, SEEN | FLAGGED, 500), new FlagUpdate(42, SEEN, 501)));

        assertEquals(SEEN | FLAGGED, cache.header("INBOX", 2).orElseThrow().flags());
        assertEquals(500, cache.header("INBOX", 2).orElseThrow().modSeq());
        assertTrue(cache.header("INBOX", 42).isEmpty());
        assertArrayEquals(new long[] {1, 2, 3}, inbox.uids());
        assertEquals(2, cache.unreadCount("INBOX"));
    }

    @Test
    void pagesComeNewestFirstByDateThenUid() {
        FolderCache inbox = cache.folder("INBOX");
        // UID 5 arrived late with an old date; UIDs 3 and 4 share a date
        inbox.putHeaders(List.of(header(1, 100, "a", "x", "y"), header(2, 300, "b", "x", "y"), header(3, 200, "c", "x", "y"),
                header(4, 200, "d", "x", "y"), header(5, 50, "e", "x", "y")));

        assertEquals(List.of(2L, 4L, 3L, 1L, 5L), uidsOf(cache.page("INBOX", 0, 10)));
        assertEquals(List.of(3L, 1L), uidsOf(cache.page("INBOX", 2, 2)));
        assertTrue(cache.page("INBOX", 5, 10).isEmpty());
    }

    @Test
    void countsAndUnreadCounts() {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 100));
        inbox.updateFlags(List.of(new FlagUpdate(1, SEEN, 0), new FlagUpdate(2, SEEN | FLAGGED, 0), new FlagUpdate(3, FLAGGED, 0)));

        assertEquals(100, cache.count("INBOX"));
        assertEquals(98, cache.unreadCount("INBOX"));
        assertEquals(0, cache.unreadCount("Nowhere"));
    }

    @Test
    void removeDropsRowsBodiesAndSearchHits() throws Exception {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(List.of(header(1, "quarterly report"), header(2, "quarterly report")));
        cache.putBody("INBOX", 1, "raw".getBytes(StandardCharsets.US_ASCII), "the budget spreadsheet");
        assertEquals(2, cache.search("quarterly", null, 10).size());
        assertEquals(1, cache.search("spreadsheet", null, 10).size());

        inbox.remove(new long[] {1, 999});

        assertArrayEquals(new long[] {2}, inbox.uids());
        assertTrue(cache.body("INBOX", 1).isEmpty());
        assertEquals(List.of(2L), cache.search("quarterly", null, 10).stream().map(h -> h.header().uid()).toList());
        assertTrue(cache.search("spreadsheet", null, 10).isEmpty());
        assertEquals(1, cache.unindexedCount(), "the removed row no longer waits for the index");
        indexAll();
        assertEquals(List.of(2L), cache.search("quarterly", null, 10).stream().map(h -> h.header().uid()).toList());
        assertEquals(1, searchEntries());
        // a message that comes back under the same UID does not bring the old body along
        inbox.putHeaders(List.of(header(1, "quarterly report")));
        assertTrue(cache.search("spreadsheet", null, 10).isEmpty());
    }

    @Test
    void resetDropsTheFolderOnly() throws Exception {
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(range(1, 20));
        inbox.saveState(new FolderState(1, 21, 0));
        cache.putBody("INBOX", 5, "raw".getBytes(StandardCharsets.US_ASCII), "zebra crossing");
        cache.folder("Sent").putHeaders(List.of(header(5, "zebra in sent")));
        cache.queue(PendingChange.addFlags("INBOX", 6, SEEN));

        inbox.reset();

        assertTrue(inbox.state().isEmpty());
        assertEquals(0, inbox.uids().length);
        assertTrue(cache.body("INBOX", 5).isEmpty());
        assertEquals(List.of("Sent"), cache.search("zebra", null, 10).stream().map(SearchHit::folder).toList());
        assertTrue(cache.search("message", null, 10).isEmpty());
        assertTrue(cache.pending().isEmpty());
        assertEquals(1, cache.count("Sent"));
        assertEquals(1, unindexedRanges(), "only Sent's row still waits for the index");
        indexAll();
        assertEquals(1, searchEntries());
        // after the reset the same UIDs are new messages
        inbox.putHeaders(List.of(header(5, "a new five")));
        assertTrue(cache.search("zebra crossing", "INBOX", 10).isEmpty());
    }

    @Test
    void bodiesAreKeptForCachedMessagesOnly() {
        cache.folder("INBOX").putHeaders(range(1, 2));
        byte[] source = "From: a\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);

        assertTrue(cache.putBody("INBOX", 1, source, "body"));
        assertFalse(cache.putBody("INBOX", 3, source, "body"));
        assertFalse(cache.putBody("Nowhere", 1, source, "body"));
        assertArrayEquals(source, cache.body("INBOX", 1).orElseThrow());
        assertTrue(cache.body("INBOX", 2).isEmpty());
        assertTrue(cache.body("INBOX", 3).isEmpty());
    }

    @Test
    void aSourceOverTheCapKeepsOnlyItsText() {
        cache.folder("INBOX").putHeaders(range(1, 1));
        byte[] big = new byte[MailCache.MAX_SOURCE_BYTES + 1];

        assertTrue(cache.putBody("INBOX", 1, big, "the attached holiday photos"));

        assertTrue(cache.body("INBOX", 1).isEmpty());
        assertEquals(1, cache.search("holiday photos", "INBOX", 10).size());
    }

    @Test
    void deleteFolderDropsEverythingOfIt() throws Exception {
        cache.folder("Old").putHeaders(List.of(header(1, "walrus")));
        cache.putBody("Old", 1, new byte[] {1}, "walrus text");
        cache.queue(PendingChange.addFlags("Old", 1, SEEN));

        cache.folder("Old").putHeaders(List.of(header(2, "walrus two")));
        cache.deleteFolder("Old");

        assertEquals(0, unindexedRanges());
        assertEquals(List.of(), cache.folders());
        assertTrue(cache.search("walrus", null, 10).isEmpty());
        assertTrue(cache.pending().isEmpty());
        assertEquals(0, searchEntries());
        // a new folder of that name starts empty
        assertEquals(0, cache.folder("Old").uids().length);
    }

    @Test
    void uidsOutsideTheImapRangeAreRefused() {
        FolderCache inbox = cache.folder("INBOX");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> inbox.putHeaders(List.of(header(0x1_0000_0000L, "too big"))));
        inbox.putHeaders(List.of(header(0xFFFF_FFFFL, "largest")));
        assertArrayEquals(new long[] {0xFFFF_FFFFL}, inbox.uids());
    }
}
