package org.padlockmail.mail.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The local copy of one account's mail: one SQLite file, e.g. {@code <data>/cache/<account-id>.sqlite}.
 * The server is the truth; deleting the file loses nothing (outbox and drafts live elsewhere), the next
 * sync fetches everything again.
 *
 * <p><b>Threads.</b> Every method may be called from any thread. Writes (a sync through
 * {@link #folder}, {@link #putBody}, {@link #queue}, {@link #done}) take turns on one writer connection,
 * each call one transaction; reads ({@link #page}, {@link #count}, {@link #search} ...) run on a small pool
 * of reader connections beside the writer and see what was committed when the read started. A read never
 * waits for a sync, so the list may be read from the FX thread; a search or a large page is better run
 * off it. Each call returns immutable values.
 *
 * <p><b>Search index.</b> A sync's rows are written without indexing them for search, so a cold sync
 * goes as fast as the server sends; a daemon thread of this cache ({@code mail-cache-indexer}) indexes
 * them newest first once writes have paused for a moment, in transactions of a few thousand rows, and
 * resumes after a restart. Until then {@link #search} finds them by scanning them (slower: 100-200 ms
 * with 100k rows waiting). {@link #unindexedCount} tells how many wait; {@link #open(Path, boolean)}
 * without the thread leaves the indexing to {@link #indexPending}.
 *
 * <p><b>Bodies.</b> {@link #putBody} keeps the raw source of messages up to {@link #MAX_SOURCE_BYTES}
 * (attachments included: they are not stored apart) and their text for search; above that size only the
 * text is kept and {@link #body} is empty, so the message is fetched from the server when opened. Only
 * the first {@link #MAX_TEXT_CHARS} characters of a text are indexed.
 *
 * <p><b>Damage.</b> {@link #open} moves a corrupt file, another program's database, or one written by a
 * newer version aside to {@code <file>.broken} (replacing an older one) and starts an empty cache.
 */
public final class MailCache implements AutoCloseable {

    /** Raw sources above this size are not kept; their text still is. */
    public static final int MAX_SOURCE_BYTES = 2 * 1024 * 1024;
    /** How much of a body's text is indexed and kept. */
    public static final int MAX_TEXT_CHARS = 64 * 1024;

    static final String COLUMNS = "m.id, m.flags, m.modseq, m.internaldate, m.size, m.sentdate, m.attachments, "
            + "m.subject, m.sender, m.recipients, m.messageid, m.inreplyto";
    /** What SQLite keeps beside a database file, named after it: its log, its shared index, a rollback journal. */
    private static final List<String> SQLITE_COMPANIONS = List.of("-wal", "-shm", "-journal");
    private static final String NEWEST_FIRST = " ORDER BY m.internaldate DESC, m.id DESC";

    private final Database database;
    private final SearchIndexer indexer;
    private final Path setAside;

    private MailCache(Database database, Path setAside, boolean indexInBackground) {
        this.database = database;
        this.setAside = setAside;
        this.indexer = SearchIndexer.start(database, indexInBackground);
    }

    /**
     * Opens (or creates) the cache file and brings its schema up to date. A file that cannot be a cache
     * of this version is set aside, see the class comment; any other failure (no space, no permission,
     * locked) is thrown as a {@link CacheException} and the file is left alone.
     */
    public static MailCache open(Path file) {
        return open(file, true);
    }

    /**
     * {@link #open(Path)}; with {@code indexInBackground} false no thread indexes new rows for search, the
     * caller does with {@link #indexPending} (tests, a command-line tool).
     */
    public static MailCache open(Path file, boolean indexInBackground) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new CacheException("could not create the folder of " + file, e);
        }
        try {
            return new MailCache(Database.open(file), null, indexInBackground);
        } catch (SQLException e) {
            if (!unusable(e)) {
                throw new CacheException("could not open the mail cache " + file, e);
            }
            Path aside = setAside(file, e);
            try {
                return new MailCache(Database.open(file), aside, indexInBackground);
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw new CacheException("could not start a new mail cache " + file, again);
            }
        }
    }

    /**
     * Deletes a closed cache's file with everything beside it (SQLite's log and index, a damaged copy set
     * aside): what a removed account leaves on disk holds none of its mail.
     */
    public static void delete(Path file) throws IOException {
        for (Path main : List.of(file, asideOf(file))) {
            Files.deleteIfExists(main);
            for (String suffix : SQLITE_COMPANIONS) {
                Files.deleteIfExists(main.resolveSibling(main.getFileName() + suffix));
            }
        }
    }

    private static boolean unusable(SQLException e) {
        if (e instanceof Schema.TooNewException || e instanceof Schema.NotACacheException) {
            return true;
        }
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xFF;
            return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
        }
        return false;
    }

    /** Where a damaged cache file is set aside, replacing one set aside before. */
    private static Path asideOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".broken");
    }

    private static Path setAside(Path file, SQLException why) {
        Path aside = asideOf(file);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            // a log or index left beside a new file would be read as belonging to it
            for (String suffix : SQLITE_COMPANIONS) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(companion)) {
                    Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return aside;
        } catch (IOException e) {
            e.addSuppressed(why);
            throw new CacheException("could not move the damaged mail cache " + file + " aside", e);
        }
    }

    /** Where a damaged or too-new file was moved when this cache was opened; empty normally. */
    public Optional<Path> setAside() {
        return Optional.ofNullable(setAside);
    }

    /** The write side of one folder, for its sync; created in the file on its first write. */
    public FolderCache folder(String fullName) {
        return new SqliteFolderCache(database, indexer, fullName);
    }

    /** The full names of the cached folders, sorted. */
    public List<String> folders() {
        return database.read(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT name FROM folder ORDER BY name");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    /** Drops a folder that is gone from the server, with its rows, bodies, search entries and pending changes. */
    public void deleteFolder(String fullName) {
        database.write(c -> {
            PreparedStatement find = database.writeStatement("SELECT id FROM folder WHERE name = ?");
            find.setString(1, fullName);
            long id;
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                id = row.getLong(1);
            }
            deleteRange(database, id);
            PreparedStatement pending = database.writeStatement("DELETE FROM pending WHERE folder = ?");
            pending.setString(1, fullName);
            pending.executeUpdate();
            PreparedStatement folder = database.writeStatement("DELETE FROM folder WHERE id = ?");
            folder.setLong(1, id);
            folder.executeUpdate();
            return null;
        });
    }

    // ---- the message list

    /** How many messages of the folder are cached. */
    public int count(String folder) {
        return countWhere(folder, "");
    }

    /** How many of them are not \Seen. */
    public int unreadCount(String folder) {
        return countWhere(folder, " AND flags & 1 = 0");
    }

    private int countWhere(String folder, String condition) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM message "
                    + "WHERE folder = (SELECT id FROM folder WHERE name = ?)" + condition)) {
                query.setString(1, folder);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        });
    }

    /**
     * Rows {@code offset} to {@code offset + limit - 1} of the folder, newest first (internal date, then
     * UID, descending): what a virtualized list asks for as it scrolls.
     */
    public List<CachedHeader> page(String folder, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
        }
        return database.read(c -> {
            // the inner query walks only the index; whole rows are read for the page alone
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM message m WHERE m.id IN ("
                    + "SELECT m.id FROM message m WHERE m.folder = (SELECT id FROM folder WHERE name = ?)"
                    + NEWEST_FIRST + " LIMIT ? OFFSET ?)" + NEWEST_FIRST)) {
                query.setString(1, folder);
                query.setInt(2, limit);
                query.setInt(3, offset);
                return headers(query);
            }
        });
    }

    /**
     * The UIDs of the folder's messages in {@code order}: a list sorted by sender or subject has to look at
     * every row once, then reads its pages by UID ({@link #headers(String, long[], int, int)}). By date this
     * walks the date index only.
     */
    public long[] uids(String folder, MessageOrder order) {
        return database.read(c -> {
            long id = folderId(c, folder);
            if (id < 0) {
                return new long[0];
            }
            String direction = order.descending() ? " DESC" : "";
            if (order.column() == MessageOrder.Column.DATE) {
                try (PreparedStatement query = c.prepareStatement("SELECT m.id FROM message m WHERE m.folder = ?"
                        + " ORDER BY m.internaldate" + direction + ", m.id" + direction)) {
                    query.setLong(1, id);
                    LongStream.Builder uids = LongStream.builder();
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            uids.add(rows.getLong(1) & 0xFFFF_FFFFL);
                        }
                    }
                    return uids.build().toArray();
                }
            }
            boolean bySender = order.column() == MessageOrder.Column.SENDER;
            List<Keyed> keyed = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT m.id, m.internaldate, "
                    + (bySender ? "m.sender" : "m.subject") + " FROM message m WHERE m.folder = ?")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String text = rows.getString(3);
                        keyed.add(new Keyed(bySender ? MessageOrder.senderKey(text) : MessageOrder.subjectKey(text),
                                rows.getLong(2), rows.getLong(1) & 0xFFFF_FFFFL));
                    }
                }
            }
            Comparator<Keyed> byKey = Comparator.comparing(Keyed::key);
            keyed.sort((order.descending() ? byKey.reversed() : byKey)
                    .thenComparing(Comparator.comparingLong(Keyed::date).thenComparingLong(Keyed::uid).reversed()));
            return keyed.stream().mapToLong(Keyed::uid).toArray();
        });
    }

    private record Keyed(String key, long date, long uid) {
    }

    /** The row keys of {@code uids[from]} to {@code uids[to - 1]} of a folder, as a JSON array for json_each. */
    private static String keys(long folderId, long[] uids, int from, int to) {
        StringBuilder keys = new StringBuilder((to - from) * 12 + 2).append('[');
        for (int i = from; i < to; i++) {
            keys.append(i > from ? "," : "").append(key(folderId, uids[i]));
        }
        return keys.append(']').toString();
    }

    /**
     * The cached messages of the folder with {@code uids[from]} to {@code uids[to - 1]}, in that order; a
     * UID no longer cached is left out.
     */
    public List<CachedHeader> headers(String folder, long[] uids, int from, int to) {
        if (from >= to) {
            return List.of();
        }
        return database.read(c -> {
            long id = folderId(c, folder);
            if (id < 0) {
                return List.<CachedHeader>of();
            }
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM json_each(?) j"
                    + " JOIN message m ON m.id = j.value ORDER BY j.key")) {
                query.setString(1, keys(id, uids, from, to));
                return headers(query);
            }
        });
    }

    /** One cached message. */
    public Optional<CachedHeader> header(String folder, long uid) {
        return database.read(c -> {
            long id = folderId(c, folder);
            if (id < 0) {
                return Optional.<CachedHeader>empty();
            }
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM message m WHERE m.id = ?")) {
                query.setLong(1, key(id, uid));
                return headers(query).stream().findFirst();
            }
        });
    }

    // ---- bodies

    /**
     * Keeps a message that was read: its raw source for reading offline (not above
     * {@link #MAX_SOURCE_BYTES}) and its plain text for search. Returns false, keeping nothing, when the
     * message is not cached (an expunge won the race).
     */
    public boolean putBody(String folder, long uid, byte[] rfc822Source, String plainText) {
        byte[] source = rfc822Source != null && rfc822Source.length <= MAX_SOURCE_BYTES ? rfc822Source : null;
        String text = plainText == null ? null : cut(plainText, MAX_TEXT_CHARS);
        return database.write(c -> {
            long id = existingFolderId(database, folder);
            if (id < 0) {
                return false;
            }
            long key = key(id, uid);
            PreparedStatement index = database.writeStatement("INSERT OR REPLACE INTO search "
                    + "(rowid, subject, sender, recipients, body) SELECT id, subject, sender, recipients, ? FROM message WHERE id = ?");
            index.setString(1, text);
            index.setLong(2, key);
            if (index.executeUpdate() == 0) {
                return false;
            }
            indexed(database, key);
            PreparedStatement body = database.writeStatement("INSERT OR REPLACE INTO body (id, source, text) VALUES (?, ?, ?)");
            body.setLong(1, key);
            body.setBytes(2, source);
            body.setString(3, text);
            body.executeUpdate();
            return true;
        });
    }

    /**
     * Messages of the folder whose body is not kept yet (never read here), received at or after
     * {@code sinceEpochSecond} and not bigger than {@code maxBytes}, newest first, starting below
     * {@code before} (null: from the newest), at most {@code limit}: what a prefetch for offline reading
     * fetches next. Walking on from the last one returned reaches every message once, even those the
     * server no longer returns.
     */
    public List<CachedHeader> withoutBody(String folder, long sinceEpochSecond, long maxBytes, CachedHeader before, int limit) {
        return database.read(c -> {
            long id = folderId(c, folder);
            if (id < 0) {
                return List.<CachedHeader>of();
            }
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM message m"
                    + " WHERE m.folder = ? AND m.internaldate >= ? AND m.size <= ? AND (m.internaldate, m.id) < (?, ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM body b WHERE b.id = m.id)"
                    + " ORDER BY m.internaldate DESC, m.id DESC LIMIT ?")) {
                query.setLong(1, id);
                query.setLong(2, sinceEpochSecond);
                query.setLong(3, maxBytes);
                query.setLong(4, before == null ? Long.MAX_VALUE : before.internalDate());
                query.setLong(5, before == null ? Long.MAX_VALUE : key(id, before.uid()));
                query.setInt(6, limit);
                return headers(query);
            }
        });
    }

    /** The cached raw source of a message; empty when it was never read here or was too big to keep. */
    public Optional<byte[]> body(String folder, long uid) {
        return database.read(c -> {
            long id = folderId(c, folder);
            if (id < 0) {
                return Optional.<byte[]>empty();
            }
            try (PreparedStatement query = c.prepareStatement("SELECT source FROM body WHERE id = ?")) {
                query.setLong(1, key(id, uid));
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    // ---- search

    /**
     * Messages whose subject, from, to or cached body text contain every word of {@code query}
     * (case-insensitive substrings, any script; see {@link SearchQuery} for words under three characters),
     * newest first, in one folder or (null) in all. Messages not in the search index yet (see
     * {@link #unindexedCount}) are found by scanning them, with case folded for ASCII letters only.
     */
    public List<SearchHit> search(String query, String folderOrNull, int limit) {
        SearchQuery parsed = SearchQuery.parse(query);
        if (parsed.isEmpty() || limit <= 0) {
            return List.of();
        }
        return database.read(c -> {
            long folderId = -1;
            if (folderOrNull != null) {
                folderId = folderId(c, folderOrNull);
                if (folderId < 0) {
                    return List.<SearchHit>of();
                }
            }
            List<Long> ids = new Search(c, parsed, folderId, limit, Search.Tuning.DEFAULT).run();
            if (ids.isEmpty()) {
                return List.<SearchHit>of();
            }
            try (PreparedStatement statement = c.prepareStatement("SELECT f.name, " + COLUMNS
                    + " FROM message m JOIN folder f ON f.id = m.folder WHERE m.id IN (SELECT value FROM json_each(?))"
                    + NEWEST_FIRST)) {
                statement.setString(1, ids.toString());
                List<SearchHit> hits = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        hits.add(new SearchHit(rows.getString(1), header(rows, 2)));
                    }
                }
                return hits;
            }
        });
    }

    /** The words of a search box query, as {@link #search} matches them: quoted text is one word. */
    public static List<String> searchWords(String query) {
        return SearchQuery.words(query);
    }

    /**
     * The cached messages of a folder with these UIDs, newest first, at most {@code limit}: what the
     * server's search found. None when the cache holds the folder under another UIDVALIDITY (the UIDs
     * name other messages there) or not at all.
     */
    public List<CachedHeader> headers(String folder, long uidValidity, long[] uids, int limit) {
        if (uids.length == 0 || limit <= 0) {
            return List.of();
        }
        return database.read(c -> {
            long id;
            try (PreparedStatement query = c.prepareStatement("SELECT id FROM folder WHERE name = ? AND uidvalidity = ?")) {
                query.setString(1, folder);
                query.setLong(2, uidValidity);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return List.<CachedHeader>of();
                    }
                    id = row.getLong(1);
                }
            }
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM message m WHERE m.id IN ("
                    + "SELECT value FROM json_each(?))" + NEWEST_FIRST + " LIMIT ?")) {
                query.setString(1, keys(id, uids, 0, uids.length));
                query.setInt(2, limit);
                return headers(query);
            }
        });
    }

    // ---- changes made offline

    /**
     * Queues a change for the server and applies it to the cached rows at once: flags change, a moved or
     * deleted message leaves its folder's rows (the target folder gets it from its next sync). Returns the
     * change as stored, with its queue id and the folder's UIDVALIDITY.
     */
    public PendingChange queue(PendingChange change) {
        return database.write(c -> {
            long folderId = existingFolderId(database, change.folder());
            long uidValidity = 0;
            if (folderId >= 0) {
                applyLocally(database, key(folderId, change.uid()), change.kind(), change.flags());
                PreparedStatement state = database.writeStatement("SELECT uidvalidity FROM folder WHERE id = ?");
                state.setLong(1, folderId);
                try (ResultSet row = state.executeQuery()) {
                    uidValidity = row.next() ? row.getLong(1) : 0;
                }
            }
            PreparedStatement insert = database.writeStatement("INSERT INTO pending "
                    + "(folder, uid, uidvalidity, kind, flags, target) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
            insert.setString(1, change.folder());
            insert.setLong(2, change.uid());
            insert.setLong(3, uidValidity);
            insert.setString(4, change.kind().name());
            insert.setInt(5, change.flags());
            insert.setString(6, change.target());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return change.stored(row.getLong(1), uidValidity);
            }
        });
    }

    /** The changes not yet on the server, in the order they were made. */
    public List<PendingChange> pending() {
        return database.read(c -> {
            List<PendingChange> changes = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, folder, uid, uidvalidity, kind, flags, target FROM pending ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    changes.add(new PendingChange(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                            PendingChange.Kind.valueOf(rows.getString(5)), rows.getInt(6), rows.getString(7)));
                }
            }
            return changes;
        });
    }

    /** The server has the change (or it was skipped): it leaves the queue. */
    public void done(long id) {
        database.write(c -> {
            PreparedStatement delete = database.writeStatement("DELETE FROM pending WHERE id = ?");
            delete.setLong(1, id);
            delete.executeUpdate();
            return null;
        });
    }

    // ---- the search index behind the sync

    /**
     * How many cached messages are not in the search index yet. Search finds them all the same, by
     * scanning them; a background thread indexes them once writes pause (or {@link #indexPending} does).
     */
    public int unindexedCount() {
        return database.read(SearchIndexer::unindexed);
    }

    /**
     * Indexes up to {@code maxRows} of the messages waiting for the search index, newest first, in one
     * transaction on this thread; returns how many it indexed, 0 when none wait.
     */
    public int indexPending(int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows " + maxRows);
        }
        return indexer.indexSome(maxRows);
    }

    @Override
    public void close() {
        indexer.close();
        database.close();
    }

    // ---- shared with SqliteFolderCache

    /** The rowid of a message: folder id in the high 32 bits, UID in the low ones. */
    static long key(long folderId, long uid) {
        if (uid < 0 || uid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an IMAP UID: " + uid);
        }
        return folderId << 32 | uid;
    }

    /** The folder's id, the folder row created if needed; inside a write. */
    static long folderId(Database database, String name) throws SQLException {
        long id = existingFolderId(database, name);
        if (id >= 0) {
            return id;
        }
        PreparedStatement insert = database.writeStatement("INSERT INTO folder (name) VALUES (?) RETURNING id");
        insert.setString(1, name);
        try (ResultSet row = insert.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The folder's id or -1; inside a write. */
    static long existingFolderId(Database database, String name) throws SQLException {
        PreparedStatement find = database.writeStatement("SELECT id FROM folder WHERE name = ?");
        find.setString(1, name);
        try (ResultSet row = find.executeQuery()) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    /** The folder's id or -1, on a reader connection. */
    private static long folderId(Connection reader, String name) throws SQLException {
        try (PreparedStatement find = reader.prepareStatement("SELECT id FROM folder WHERE name = ?")) {
            find.setString(1, name);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    /**
     * Notes that rows {@code lo..hi} wait for the search index; inside a write. Ranges are kept disjoint
     * (one overlapping this is merged into it), so the indexer never indexes a row twice.
     */
    static void awaitIndexing(Database database, long lo, long hi) throws SQLException {
        // the ranges starting inside lo..hi, and the one starting before it if it reaches in
        PreparedStatement overlapping = database.writeStatement("DELETE FROM unindexed WHERE lo BETWEEN "
                + "(SELECT coalesce(max(lo), ?) FROM unindexed WHERE lo < ?) AND ? AND hi >= ? RETURNING lo, hi");
        overlapping.setLong(1, lo);
        overlapping.setLong(2, lo);
        overlapping.setLong(3, hi);
        overlapping.setLong(4, lo);
        long from = lo;
        long to = hi;
        try (ResultSet rows = overlapping.executeQuery()) {
            while (rows.next()) {
                from = Math.min(from, rows.getLong(1));
                to = Math.max(to, rows.getLong(2));
            }
        }
        PreparedStatement insert = database.writeStatement("INSERT INTO unindexed (lo, hi) VALUES (?, ?)");
        insert.setLong(1, from);
        insert.setLong(2, to);
        insert.executeUpdate();
    }

    /** The row {@code key} is in the search index (putBody put it there): it waits no longer; inside a write. */
    static void indexed(Database database, long key) throws SQLException {
        PreparedStatement range = database.writeStatement("DELETE FROM unindexed "
                + "WHERE lo = (SELECT max(lo) FROM unindexed WHERE lo <= ?) AND hi >= ? RETURNING lo, hi");
        range.setLong(1, key);
        range.setLong(2, key);
        long lo;
        long hi;
        try (ResultSet row = range.executeQuery()) {
            if (!row.next()) {
                return;
            }
            lo = row.getLong(1);
            hi = row.getLong(2);
        }
        PreparedStatement insert = database.writeStatement("INSERT INTO unindexed (lo, hi) VALUES (?, ?)");
        for (long[] rest : new long[][] {{lo, key - 1}, {key + 1, hi}}) {
            if (rest[0] <= rest[1]) {
                insert.setLong(1, rest[0]);
                insert.setLong(2, rest[1]);
                insert.executeUpdate();
            }
        }
    }

    /** Removes every message of a folder with its bodies, search entries and rows waiting for them; inside a write. */
    static void deleteRange(Database database, long folderId) throws SQLException {
        PreparedStatement unindexed = database.writeStatement("DELETE FROM unindexed WHERE lo BETWEEN ? AND ?");
        unindexed.setLong(1, key(folderId, 0));
        unindexed.setLong(2, key(folderId, 0xFFFF_FFFFL));
        unindexed.executeUpdate();
        for (String table : new String[] {"search", "body", "message"}) {
            PreparedStatement delete = database.writeStatement(
                    "DELETE FROM " + table + " WHERE rowid BETWEEN ? AND ?");
            delete.setLong(1, key(folderId, 0));
            delete.setLong(2, key(folderId, 0xFFFF_FFFFL));
            delete.executeUpdate();
        }
    }

    /**
     * Removes messages with their bodies and search entries; inside a write. Table by table, not message
     * by message: FTS5 flushes its buffer to disk each time a statement on another table starts.
     */
    static void deleteMessages(Database database, long... keys) throws SQLException {
        for (String table : new String[] {"search", "body", "message"}) {
            PreparedStatement delete = database.writeStatement("DELETE FROM " + table + " WHERE rowid = ?");
            for (long key : keys) {
                delete.setLong(1, key);
                delete.executeUpdate();
            }
        }
    }

    /** What a pending change does to the cached row; inside a write. */
    static void applyLocally(Database database, long key, PendingChange.Kind kind, int flags) throws SQLException {
        switch (kind) {
            case ADD_FLAGS, REMOVE_FLAGS -> {
                PreparedStatement update = database.writeStatement(kind == PendingChange.Kind.ADD_FLAGS
                        ? "UPDATE message SET flags = flags | ? WHERE id = ?"
                        : "UPDATE message SET flags = flags & ~? WHERE id = ?");
                update.setInt(1, flags);
                update.setLong(2, key);
                update.executeUpdate();
            }
            case MOVE, DELETE -> deleteMessages(database, key);
        }
    }

    private static List<CachedHeader> headers(PreparedStatement query) throws SQLException {
        List<CachedHeader> headers = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                headers.add(header(rows, 1));
            }
        }
        return headers;
    }

    /** A row of {@link #COLUMNS} starting at column {@code first}. */
    private static CachedHeader header(ResultSet row, int first) throws SQLException {
        return new CachedHeader(row.getLong(first) & 0xFFFF_FFFFL, row.getInt(first + 1), row.getLong(first + 2),
                row.getLong(first + 3), row.getLong(first + 4), row.getLong(first + 5), row.getString(first + 7),
                row.getString(first + 8), row.getString(first + 9), row.getString(first + 10),
                row.getString(first + 11), row.getInt(first + 6) != 0);
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
