package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema versions, and files that cannot be a cache: never a crash, never a silently wrong cache. */
class OpenAndMigrateTest {

    @TempDir
    Path dir;

    private static int userVersion(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.getInt(1);
        }
    }

    private static String journalMode(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            return r.getString(1);
        }
    }

    @Test
    void aNewFileGetsTheWholeSchemaInWalMode() throws Exception {
        Path file = dir.resolve("new.sqlite");
        MailCache.open(file).close();
        assertEquals(Schema.CURRENT, userVersion(file));
        assertEquals("wal", journalMode(file));
    }

    @Test
    void aVersionOneDatabaseIsMigratedAndItsRowsBecomeSearchable() throws Exception {
        Path file = dir.resolve("v1.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            Schema.migrate(c, 1);
            s.execute("INSERT INTO folder (id, name, uidvalidity, uidnext, highestmodseq) VALUES (1, 'INBOX', 9, 43, 100)");
            s.execute("INSERT INTO message VALUES ((1 << 32) | 42, 1, 1, 7, 1700000000, 2048, 1699999990, 1, "
                    + "'Version one subject', 'Ann <ann@padlock.test>', 'bob@padlock.test', '<m@x>', NULL)");
        }
        assertEquals(1, userVersion(file));

        try (MailCache cache = MailCache.open(file)) {
            assertTrue(cache.setAside().isEmpty());
            assertEquals(new FolderState(9, 43, 100), cache.folder("INBOX").state().orElseThrow());
            assertEquals(new CachedHeader(42, 1, 7, 1700000000, 2048, 1699999990, "Version one subject",
                    "Ann <ann@padlock.test>", "bob@padlock.test", "<m@x>", null, true), cache.header("INBOX", 42).orElseThrow());
            assertEquals(1, cache.search("version one", null, 10).size());
            assertEquals(1, cache.search("ann@padlock", "INBOX", 10).size());
            cache.queue(PendingChange.addFlags("INBOX", 42, Headers.FLAGGED));
            assertEquals(1, cache.pending().size());
        }
        assertEquals(Schema.CURRENT, userVersion(file));
    }

    @Test
    void everyStepIsItsOwnTransactionAndVersion() throws Exception {
        Path file = dir.resolve("steps.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (int version = 1; version <= Schema.CURRENT; version++) {
                Schema.migrate(c, version);
                assertEquals(version, Schema.version(c));
            }
        }
    }

    @Test
    void aFileFromANewerVersionIsSetAsideAndANewCacheStarts() throws Exception {
        Path file = dir.resolve("newer.sqlite");
        try (MailCache cache = MailCache.open(file)) {
            cache.folder("INBOX").putHeaders(Headers.range(1, 3));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
        }

        try (MailCache cache = MailCache.open(file)) {
            assertEquals(file.resolveSibling("newer.sqlite.broken"), cache.setAside().orElseThrow());
            assertEquals(List.of(), cache.folders());
            cache.folder("INBOX").putHeaders(Headers.range(1, 1));
            assertArrayEquals(new long[] {1}, cache.folder("INBOX").uids());
        }
        assertEquals(Schema.CURRENT + 1, userVersion(dir.resolve("newer.sqlite.broken")));
        assertEquals(Schema.CURRENT, userVersion(file));
    }

    @Test
    void aFileThatIsNoDatabaseIsSetAside() throws Exception {
        Path file = dir.resolve("garbage.sqlite");
        Files.write(file, "this is not an SQLite file, just text. ".repeat(200).getBytes(StandardCharsets.US_ASCII));

        try (MailCache cache = MailCache.open(file)) {
            assertTrue(cache.setAside().isPresent());
            cache.folder("INBOX").putHeaders(Headers.range(1, 2));
            assertEquals(2, cache.count("INBOX"));
        }
        assertTrue(Files.readString(dir.resolve("garbage.sqlite.broken")).startsWith("this is not"));
    }

    @Test
    void aCacheWithADamagedHeaderIsSetAsideAndASecondDamageReplacesTheFirstCopy() throws Exception {
        Path file = dir.resolve("damaged.sqlite");
        for (int round = 0; round < 2; round++) {
            try (MailCache cache = MailCache.open(file)) {
                cache.folder("INBOX").putHeaders(Headers.range(1, 500));
            }
            try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[100]));
            }
            try (MailCache cache = MailCache.open(file)) {
                assertTrue(cache.setAside().isPresent(), "round " + round);
                assertEquals(0, cache.count("INBOX"));
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("damaged.sqlite", "damaged.sqlite.broken"),
                    files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm"))
                            .sorted().toList());
        }
    }

    @Test
    void anotherProgramsDatabaseIsSetAsideNotMigratedInto() throws Exception {
        Path file = dir.resolve("foreign.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (text TEXT)");
        }
        try (MailCache cache = MailCache.open(file)) {
            assertTrue(cache.setAside().isPresent());
            assertEquals(List.of(), cache.folders());
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsReportedAndLeftAlone() throws Exception {
        Path notAFile = dir.resolve("cache.sqlite");
        Files.createDirectories(notAFile);
        Files.writeString(notAFile.resolve("keep.txt"), "mine");

        assertThrows(CacheException.class, () -> MailCache.open(notAFile));

        assertEquals("mine", Files.readString(notAFile.resolve("keep.txt")));
        assertTrue(Files.notExists(dir.resolve("cache.sqlite.broken")));
    }
}
