package org.padlockmail.mail.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link FolderCache} on the account's SQLite file. Holds only the folder's name: the folder's id is looked
 * up inside each transaction, so an object outliving a {@link MailCache#deleteFolder} writes into a new
 * folder of that name, never into another folder's rows.
 */
final class SqliteFolderCache implements FolderCache {

    private static final String PUT_MESSAGE = "INSERT OR REPLACE INTO message (id, folder, flags, modseq, internaldate, "
            + "size, sentdate, attachments, subject, sender, recipients, messageid, inreplyto) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final SearchIndexer indexer;
    private final String folder;

    SqliteFolderCache(Database database, SearchIndexer indexer, String folder) {
        this.database = database;
        this.indexer = indexer;
        this.folder = folder;
    }

    @Override
    public String folder() {
        return folder;
    }

    @Override
    public Optional<FolderState> state() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT uidvalidity, uidnext, highestmodseq FROM folder WHERE name = ? AND uidvalidity IS NOT NULL")) {
                query.setString(1, folder);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new FolderState(row.getLong(1), row.getLong(2), row.getLong(3)))
                            : Optional.<FolderState>empty();
                }
            }
        });
    }

    @Override
    public void reset() {
        database.write(c -> {
            long id = MailCache.folderId(database, folder);
            MailCache.deleteRange(database, id);
            PreparedStatement dropPending = database.writeStatement("DELETE FROM pending WHERE folder = ?");
            dropPending.setString(1, folder);
            dropPending.executeUpdate();
            PreparedStatement forget = database.writeStatement(
                    "UPDATE folder SET uidvalidity = NULL, uidnext = NULL, highestmodseq = NULL WHERE id = ?");
            forget.setLong(1, id);
            forget.executeUpdate();
            return null;
        });
    }

    @Override
    public void putHeaders(List<CachedHeader> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long[] sorted = rows.stream().mapToLong(CachedHeader::uid).sorted().distinct().toArray();
        database.write(c -> {
            long id = MailCache.folderId(database, folder);
            long first = MailCache.key(id, sorted[0]);
            long last = MailCache.key(id, sorted[sorted.length - 1]);
            long[] cached = cachedBetween(first, last);
            // no row cached between the first and the last UID (a cold sync, new mail): one range for the
            // batch, gaps in the UIDs and all; else exact runs, so no row already indexed waits again
            long[] runs = cached.length == 0 ? new long[] {first, last} : runs(id, sorted);
            long[] replaced = replaced(cached, id, sorted);
            PreparedStatement message = database.writeStatement(PUT_MESSAGE);
            message.clearBatch(); // the statement is kept: nothing a failed write left in it goes in
            for (CachedHeader row : rows) {
                message.setLong(1, MailCache.key(id, row.uid()));
                message.setLong(2, id);
                message.setInt(3, row.flags());
                message.setLong(4, row.modSeq());
                message.setLong(5, row.internalDate());
                message.setLong(6, row.size());
                message.setLong(7, row.sentDate());
                message.setInt(8, row.attachments() ? 1 : 0);
                message.setString(9, row.subject());
                message.setString(10, row.from());
                message.setString(11, row.to());
                message.setString(12, row.messageId());
                message.setString(13, row.inReplyTo());
                message.addBatch();
            }
            // one call for the batch: executeUpdate's checks and result set per row took a sixth of the writer's CPU
            message.executeBatch();
            // the search index is filled later (SearchIndexer); a replaced row's old terms must not
            // find it meanwhile
            PreparedStatement unindex = database.writeStatement("DELETE FROM search WHERE rowid = ?");
            for (long key : replaced) {
                unindex.setLong(1, key);
                unindex.executeUpdate();
            }
            for (int i = 0; i < runs.length; i += 2) {
                MailCache.awaitIndexing(database, runs[i], runs[i + 1]);
            }
            Set<Long> uids = new HashSet<>();
            for (long uid : sorted) {
                uids.add(uid);
            }
            reapplyPending(c, id, uids);
            return null;
        });
        indexer.wake();
    }

    /** The sorted UIDs as runs of consecutive rowids, lo and hi of each: a cold sync batch is one run. */
    private static long[] runs(long folderId, long[] sortedUids) {
        long[] runs = new long[2 * sortedUids.length];
        int n = 0;
        for (int i = 0; i < sortedUids.length; i++) {
            long key = MailCache.key(folderId, sortedUids[i]);
            if (n > 0 && runs[n - 1] == key - 1) {
                runs[n - 1] = key;
            } else {
                runs[n++] = key;
                runs[n++] = key;
            }
        }
        return Arrays.copyOf(runs, n);
    }

    /** The rowids cached between two rowids, ascending; inside a write. */
    private long[] cachedBetween(long first, long last) throws SQLException {
        PreparedStatement query = database.writeStatement("SELECT id FROM message WHERE id BETWEEN ? AND ?");
        query.setLong(1, first);
        query.setLong(2, last);
        long[] found = new long[16];
        int n = 0;
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, 2 * n);
                }
                found[n++] = row.getLong(1);
            }
        }
        return Arrays.copyOf(found, n);
    }

    /** The cached rowids that are among the sorted UIDs being written. */
    private static long[] replaced(long[] cached, long folderId, long[] sortedUids) {
        return Arrays.stream(cached).filter(key -> Arrays.binarySearch(sortedUids, key & 0xFFFF_FFFFL) >= 0
                && key >>> 32 == folderId).toArray();
    }

    @Override
    public void updateFlags(List<FlagUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        database.write(c -> {
            long id = MailCache.folderId(database, folder);
            PreparedStatement update = database.writeStatement("UPDATE message SET flags = ?, modseq = ? WHERE id = ?");
            Set<Long> uids = new HashSet<>();
            for (FlagUpdate flags : updates) {
                uids.add(flags.uid());
                update.setInt(1, flags.flags());
                update.setLong(2, flags.modSeq());
                update.setLong(3, MailCache.key(id, flags.uid()));
                update.executeUpdate();
            }
            reapplyPending(c, id, uids);
            return null;
        });
    }

    @Override
    public void remove(long[] uids) {
        if (uids.length == 0) {
            return;
        }
        database.write(c -> {
            long id = MailCache.folderId(database, folder);
            long[] keys = new long[uids.length];
            for (int i = 0; i < uids.length; i++) {
                keys[i] = MailCache.key(id, uids[i]);
            }
            MailCache.deleteMessages(database, keys);
            return null;
        });
    }

    @Override
    public long[] uids() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT m.id FROM message m, folder f "
                    + "WHERE f.name = ? AND m.id BETWEEN f.id << 32 AND (f.id << 32) | 0xFFFFFFFF ORDER BY m.id")) {
                query.setString(1, folder);
                try (ResultSet rows = query.executeQuery()) {
                    long[] uids = new long[256];
                    int n = 0;
                    while (rows.next()) {
                        if (n == uids.length) {
                            uids = Arrays.copyOf(uids, n * 2);
                        }
                        uids[n++] = rows.getLong(1) & 0xFFFF_FFFFL;
                    }
                    return Arrays.copyOf(uids, n);
                }
            }
        });
    }

    @Override
    public int count() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM message m, folder f "
                    + "WHERE f.name = ? AND m.id BETWEEN f.id << 32 AND (f.id << 32) | 0xFFFFFFFF")) {
                query.setString(1, folder);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public void saveState(FolderState state) {
        database.write(c -> {
            long id = MailCache.folderId(database, folder);
            PreparedStatement save = database.writeStatement(
                    "UPDATE folder SET uidvalidity = ?, uidnext = ?, highestmodseq = ? WHERE id = ?");
            save.setLong(1, state.uidValidity());
            save.setLong(2, state.uidNext());
            save.setLong(3, state.highestModSeq());
            save.setLong(4, id);
            save.executeUpdate();
            return null;
        });
    }

    private record Queued(long uid, PendingChange.Kind kind, int flags) {
    }

    /**
     * Rows just written from the server do not yet show the user's changes still waiting in the queue;
     * applies those (in queue order) to the rows with these UIDs.
     */
    private void reapplyPending(Connection c, long folderId, Set<Long> uids) throws SQLException {
        PreparedStatement query = database.writeStatement("SELECT uid, kind, flags FROM pending WHERE folder = ? ORDER BY id");
        query.setString(1, folder);
        List<Queued> changes = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (uids.contains(rows.getLong(1))) {
                    changes.add(new Queued(rows.getLong(1), PendingChange.Kind.valueOf(rows.getString(2)), rows.getInt(3)));
                }
            }
        }
        for (Queued change : changes) {
            MailCache.applyLocally(database, MailCache.key(folderId, change.uid()), change.kind(), change.flags());
        }
    }
}
