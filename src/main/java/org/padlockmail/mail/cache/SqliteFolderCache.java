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
    // a replaced row keeps the body text a putBody indexed
    private static final String PUT_SEARCH = "INSERT OR REPLACE INTO search (rowid, subject, sender, recipients, body) "
            + "VALUES (?, ?, ?, ?, (SELECT text FROM body WHERE id = ?))";

    private final Database database;
    private final String folder;

    SqliteFolderCache(Database database, String folder) {
        this.database = database;
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
        database.write(c -> {
            long id = MailCache.folderId(database, folder);
            PreparedStatement message = database.writeStatement(PUT_MESSAGE);
            Set<Long> uids = new HashSet<>();
            for (CachedHeader row : rows) {
                uids.add(row.uid());
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
                message.executeUpdate();
            }
            // a separate loop: FTS5 writes its buffered terms out as a new segment whenever another
            // statement starts (a savepoint), so interleaving the two made a segment per row and the
            // merges quadratic (100k rows: minutes instead of seconds)
            PreparedStatement search = database.writeStatement(PUT_SEARCH);
            for (CachedHeader row : rows) {
                long key = MailCache.key(id, row.uid());
                search.setLong(1, key);
                search.setString(2, row.subject());
                search.setString(3, row.from());
                search.setString(4, row.to());
                search.setLong(5, key);
                search.executeUpdate();
            }
            reapplyPending(c, id, uids);
            return null;
        });
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
