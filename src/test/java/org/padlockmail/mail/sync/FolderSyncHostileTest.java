package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FolderState;
import org.padlockmail.testing.HostileServer;
import org.padlockmail.testing.MemoryFolderCache;

/**
 * Servers that lie, break off or never stop, scripted in the JVM: the sync must stop with a clear error or
 * end with the cache matching what the server really holds, never save a partial state as complete, and
 * never loop.
 */
class FolderSyncHostileTest {

    private static final String CAPS = "IMAP4rev1 AUTH=PLAIN ENABLE CONDSTORE QRESYNC ESEARCH";
    private static final SyncOptions OPTIONS = SyncOptions.defaults().withContentType(false).withCompress(false)
            .withReadTimeout(Duration.ofSeconds(5));

    @TempDir
    Path folder;

    private SyncResult sync(HostileServer server, MemoryFolderCache cache) throws Exception {
        try (SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                ScriptedImap.connector(folder), r -> { }, OPTIONS)) {
            return connection.sync(cache, SyncProgress.NONE);
        }
    }

    private static SyncException failure(HostileServer server, MemoryFolderCache cache, Path folder) {
        return assertThrows(SyncException.class, () -> {
            try (SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                    ScriptedImap.connector(folder), r -> { }, OPTIONS)) {
                connection.sync(cache, SyncProgress.NONE);
            }
        });
    }

    private static String examine(long exists, String uidValidity, long uidNext, long highestModSeq) {
        return "* " + exists + " EXISTS\r\n* OK [UIDVALIDITY " + uidValidity + "] v\r\n* OK [UIDNEXT " + uidNext
                + "] n\r\n* OK [HIGHESTMODSEQ " + highestModSeq + "] m";
    }

    private static List<CachedHeader> rows(long... uids) {
        return LongStream.of(uids).mapToObj(uid -> new CachedHeader(uid, 0, 1, 0, 10, 0, "old " + uid, "a", "b",
                "<" + uid + ">", null, false)).toList();
    }

    @Test
    void aZeroUidValidityStopsTheSyncBeforeAnythingIsWritten() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE .*", examine(2, "0", 3, 5).split("\r\n"))
                .reply("FETCH .*", ScriptedImap.fetch(1, 1, "one", 1), ScriptedImap.fetch(2, 2, "two", 2));
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            SyncException e = failure(server, cache, folder);
            assertEquals(SyncException.Kind.PROTOCOL_VIOLATION, e.kind());
            assertTrue(e.getMessage().contains("UIDVALIDITY"), e.getMessage());
            assertEquals(0, cache.size());
            assertEquals(0, cache.saves);
            assertFalse(script.commands.stream().anyMatch(c -> c.startsWith("FETCH")), "nothing fetched after the bad answer");
        }
    }

    @Test
    void aMissingUidValidityIsRefusedToo() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE .*", "* 2 EXISTS", "* OK [UIDNEXT 3] n");
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            assertEquals(SyncException.Kind.PROTOCOL_VIOLATION, failure(server, cache, folder).kind());
            assertEquals(0, cache.saves);
        }
    }

    @Test
    void aVanishedRangeOverEveryPossibleUidIsNotExpandedAndTheCountDecides() throws Exception {
        // The cache holds 1..5; the server says every UID there could be vanished, yet that it holds two
        // messages. The sync must neither expand 4 billion UIDs nor trust the claim: it asks which UIDs exist.
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE INBOX \\(QRESYNC \\(7 10\\)\\)", (examine(2, "7", 6, 12)
                        + "\r\n* VANISHED (EARLIER) 1:4294967295").split("\r\n"))
                .reply("UID SEARCH RETURN \\(ALL\\) UID 1:5", "* ESEARCH (TAG \"x\") UID ALL 2,4")
                .reply("UID FETCH 2,4 .*", ScriptedImap.fetch(1, 2, "two again", 11), ScriptedImap.fetch(2, 4, "four again", 12));
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = MemoryFolderCache.holding("INBOX", new FolderState(7, 6, 10), rows(1, 2, 3, 4, 5));
            SyncResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> sync(server, cache));
            assertEquals(SyncPath.QRESYNC, result.path());
            assertTrue(result.reconciled());
            assertEquals(List.of(2L, 4L), cache.rows().stream().map(CachedHeader::uid).toList());
            assertEquals("four again", cache.row(4).subject());
            assertEquals(new FolderState(7, 6, 12), cache.state().orElseThrow());
        }
    }

    @Test
    void fetchAnswersForMessagesNotAskedForAreIgnored() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE INBOX \\(CONDSTORE\\)", examine(2, "7", 3, 5).split("\r\n"))
                .reply("FETCH 1:2 .*", ScriptedImap.fetch(2, 2, "two", 2), ScriptedImap.fetch(57, 999, "not asked", 3),
                        ScriptedImap.fetch(2, 4000, "beyond UIDNEXT", 4), ScriptedImap.fetch(1, 1, "one", 1),
                        "* 1 FETCH (FLAGS (\\Flagged))");
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            SyncResult result = sync(server, cache);
            assertEquals(SyncPath.COLD, result.path());
            assertEquals(List.of(1L, 2L), cache.rows().stream().map(CachedHeader::uid).toList());
            assertEquals(2, result.added());
            assertEquals(new FolderState(7, 3, 5), cache.state().orElseThrow());
        }
    }

    @Test
    void aRefusedFetchIsAClearErrorAndNothingIsSavedAsComplete() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE .*", examine(300, "7", 301, 5).split("\r\n"))
                .reply("FETCH 201:300 .*", ScriptedImap.fetch(300, 300, "newest", 5))
                .on("FETCH .*", (c, tag) -> c.write(tag + " NO [SERVERBUG] index broken\r\n"));
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            SyncException e = failure(server, cache, folder);
            assertEquals(SyncException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("index broken"), e.getMessage());
            assertEquals(1, cache.size(), "the first batch may stay: it is true");
            assertTrue(cache.state().isEmpty(), "but no state: the next sync starts cold again");
        }
    }

    @Test
    void aMissingFolderIsARefusal() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .on("EXAMINE .*", (c, tag) -> c.write(tag + " NO [NONEXISTENT] Mailbox doesn't exist\r\n"));
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("Gone");
            SyncException e = failure(server, cache, folder);
            assertEquals(SyncException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("EXAMINE"), e.getMessage());
        }
    }

    @Test
    void aConnectionDroppedMidFetchSavesNoStateAndClosesTheSyncConnection() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE .*", examine(3, "7", 4, 5).split("\r\n"))
                .on("FETCH .*", (c, tag) -> {
                    c.write(ScriptedImap.fetch(3, 3, "three", 5) + "\r\n* 2 FETCH (UID 2 FLAGS (");
                    throw new java.io.EOFException("hang up");
                });
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            try (SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                    ScriptedImap.connector(folder), r -> { }, OPTIONS)) {
                SyncException e = assertThrows(SyncException.class, () -> connection.sync(cache, SyncProgress.NONE));
                assertEquals(SyncException.Kind.CONNECTION_LOST, e.kind());
                assertFalse(connection.isOpen());
                assertEquals(SyncException.Kind.CONNECTION_LOST,
                        assertThrows(SyncException.class, () -> connection.sync(cache, SyncProgress.NONE)).kind());
            }
            assertTrue(cache.state().isEmpty());
            assertEquals(0, cache.saves);
        }
    }

    @Test
    void anEndlessAnswerIsCutOff() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE .*", examine(1, "7", 2, 5).split("\r\n"))
                .on("FETCH .*", (c, tag) -> {
                    for (long n = 1; ; n++) {
                        c.write(ScriptedImap.fetch(1, 1, "again " + n, 5) + "\r\n");
                    }
                });
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            SyncException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> failure(server, cache, folder));
            assertEquals(SyncException.Kind.PROTOCOL_VIOLATION, e.kind());
            assertEquals(0, cache.saves);
        }
    }

    @Test
    void aNewUidValidityResetsTheCacheAndSyncsCold() throws Exception {
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE INBOX \\(QRESYNC \\(7 10\\)\\)", examine(1, "8", 2, 3).split("\r\n"))
                .reply("FETCH 1:1 .*", ScriptedImap.fetch(1, 1, "in the new folder", 3));
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = MemoryFolderCache.holding("INBOX", new FolderState(7, 6, 10), rows(1, 2, 3, 4, 5));
            SyncResult result = sync(server, cache);
            assertEquals(SyncPath.COLD, result.path());
            assertEquals(1, cache.resets);
            assertEquals(List.of(1L), cache.rows().stream().map(CachedHeader::uid).toList());
            assertEquals("in the new folder", cache.row(1).subject());
            assertEquals(new FolderState(8, 2, 3), cache.state().orElseThrow());
        }
    }

    @Test
    void aMalformedAddressDoesNotMakeTheListingUnreadable() throws Exception {
        String spam = "* 1 FETCH (UID 1 FLAGS () INTERNALDATE \"01-Jan-2024 10:00:00 +0000\" RFC822.SIZE 99 ENVELOPE "
                + "(NIL \"win big\" ((\"Prize\" NIL \"the winner\" \"spam..test\")) NIL NIL "
                + "((NIL NIL \"you@@\" \"x\")) NIL NIL NIL NIL))";
        ScriptedImap script = new ScriptedImap(CAPS).enableQresync()
                .reply("EXAMINE .*", examine(2, "7", 3, 5).split("\r\n"))
                .reply("FETCH 1:2 .*", spam, ScriptedImap.fetch(2, 2, "fine", 2));
        try (HostileServer server = new HostileServer().then(script).start()) {
            MemoryFolderCache cache = new MemoryFolderCache("INBOX");
            sync(server, cache);
            assertEquals(List.of(1L, 2L), cache.rows().stream().map(CachedHeader::uid).toList());
            assertEquals("win big", cache.row(1).subject());
            assertEquals("Prize <the winner@spam..test>", cache.row(1).from());
        }
    }
}
