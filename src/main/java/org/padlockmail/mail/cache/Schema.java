package org.padlockmail.mail.cache;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The cache's tables, as an ordered list of migration steps. {@code PRAGMA user_version} holds how many
 * steps a database has had; opening runs the missing ones, each in its own transaction. A step that has
 * shipped is never edited: a change is a new step at the end.
 *
 * <p>Keys: a message's rowid is {@code folderId << 32 | uid} (IMAP UIDs are unsigned 32-bit), so the
 * (folder, uid) key costs no separate index, a folder's rows are one rowid range, and the search index
 * uses the same number as its rowid. Folder ids are never reused (AUTOINCREMENT), so rows of a deleted
 * folder can never be mistaken for another folder's.
 */
final class Schema {

    /** One step: the statements that take a database from version {@code index} to {@code index + 1}. */
    record Step(String why, List<String> statements) {
    }

    static final List<Step> STEPS = List.of(
            new Step("folders and message headers", List.of(
                    """
                    CREATE TABLE folder (
                        id            INTEGER PRIMARY KEY AUTOINCREMENT,
                        name          TEXT NOT NULL UNIQUE,
                        uidvalidity   INTEGER,
                        uidnext       INTEGER,
                        highestmodseq INTEGER
                    )""",
                    """
                    CREATE TABLE message (
                        id           INTEGER PRIMARY KEY,
                        folder       INTEGER NOT NULL,
                        flags        INTEGER NOT NULL,
                        modseq       INTEGER NOT NULL,
                        internaldate INTEGER NOT NULL,
                        size         INTEGER NOT NULL,
                        sentdate     INTEGER NOT NULL,
                        attachments  INTEGER NOT NULL,
                        subject      TEXT,
                        sender       TEXT,
                        recipients   TEXT,
                        messageid    TEXT,
                        inreplyto    TEXT
                    )""",
                    // the message list, newest first; the rowid (folder, uid) is the index's last column
                    "CREATE INDEX message_list ON message (folder, internaldate)",
                    // unread counts without reading every row of a folder
                    "CREATE INDEX message_unread ON message (folder) WHERE flags & 1 = 0")),
            new Step("cached bodies and full-text search", List.of(
                    """
                    CREATE TABLE body (
                        id     INTEGER PRIMARY KEY,
                        source BLOB,
                        text   TEXT
                    )""",
                    // contentless: the texts live in message and body only; contentless_delete lets rows
                    // be deleted and replaced by rowid; trigram finds substrings in any script
                    """
                    CREATE VIRTUAL TABLE search USING fts5 (
                        subject, sender, recipients, body,
                        content = '', contentless_delete = 1,
                        tokenize = 'trigram remove_diacritics 1'
                    )""",
                    "INSERT INTO search (rowid, subject, sender, recipients) "
                            + "SELECT id, subject, sender, recipients FROM message",
                    // hits of all folders newest first: walking this index and keeping the rows the
                    // search matched stops after a page, where sorting 20,000 hits of a common word
                    // read every one of their rows (120 ms against 30 ms at 100k messages)
                    "CREATE INDEX message_date ON message (internaldate)")),
            new Step("changes made offline, waiting to be replayed", List.of(
                    """
                    CREATE TABLE pending (
                        id          INTEGER PRIMARY KEY AUTOINCREMENT,
                        folder      TEXT NOT NULL,
                        uid         INTEGER NOT NULL,
                        uidvalidity INTEGER NOT NULL,
                        kind        TEXT NOT NULL,
                        flags       INTEGER NOT NULL,
                        target      TEXT
                    )""",
                    "CREATE INDEX pending_folder ON pending (folder)")),
            new Step("search indexing behind the sync", List.of(
                    // rowid ranges (lo..hi, inclusive, within one folder) of message rows written since they
                    // were last indexed: putHeaders writes a row here per batch instead of indexing, and
                    // SearchIndexer works them off later. Kept in the file, so indexing resumes after a
                    // restart; search finds these rows by scanning them meanwhile. Ranges never overlap,
                    // so lo is the key and finding the ranges around a rowid is a seek.
                    """
                    CREATE TABLE unindexed (
                        lo INTEGER PRIMARY KEY,
                        hi INTEGER NOT NULL
                    )""",
                    // terms buffered in memory before FTS5 writes a segment (default 1 MB): fewer, larger
                    // segments and fewer merges; indexing 100k headers took 3.2 s of CPU with the default and
                    // 1.8 s with this
                    "INSERT INTO search (search, rank) VALUES ('hashsize', 16777216)")));

    static final int CURRENT = STEPS.size();

    private Schema() {
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    /** Whether a version-0 database already has tables: then it is some other program's file, not ours. */
    static boolean hasForeignTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return result.next() && result.getInt(1) > 0;
        }
    }

    /** Runs the steps from the database's version up to {@code target}, each step one transaction. */
    static void migrate(Connection connection, int target) throws SQLException {
        int version = version(connection);
        if (version > CURRENT) {
            throw new TooNewException(version);
        }
        if (version == 0 && hasForeignTables(connection)) {
            throw new NotACacheException();
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int step = version; step < target; step++) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : STEPS.get(step).statements()) {
                        statement.execute(sql);
                    }
                    statement.execute("PRAGMA user_version = " + (step + 1));
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A database written by a newer Padlock Mail, whose tables this version cannot know. */
    static final class TooNewException extends SQLException {
        TooNewException(int version) {
            super("cache schema version " + version + " is newer than this program's " + CURRENT);
        }
    }

    /** A valid SQLite file that is not a cache of ours. */
    static final class NotACacheException extends SQLException {
        NotACacheException() {
            super("an SQLite database with tables but no cache schema version");
        }
    }
}
