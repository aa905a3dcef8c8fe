package org.padlockmail.mail.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fills the search index behind the sync. {@link FolderCache#putHeaders} only writes message rows and
 * notes their rowids in table {@code unindexed} (a range per batch, see {@link Schema}); indexing the
 * headers with the trigram tokenizer cost four times as much as writing them, and a cold sync should
 * be as fast as the server can send. This works the ranges off, newest messages first, in transactions
 * of at most {@link #BATCH} rows; the ranges live in the file, so indexing resumes after a restart.
 *
 * <p>In the background, a daemon thread waits until nobody has written for {@link #QUIET_MILLIS} (a
 * sync writes a batch every few milliseconds, so it pauses while a sync runs) and lets any waiting
 * writer go before each batch. {@link #indexSome} does the same work on the caller's thread.
 */
final class SearchIndexer implements AutoCloseable {

    /** Rows per transaction: about 0.1 s of writing on a loaded two-core machine. */
    static final int BATCH = 5_000;
    static final long QUIET_MILLIS = 300;
    /** Ranges per transaction, each two parameters of one statement: scattered UIDs make many short ones. */
    private static final int MAX_SPANS = 500;

    private static final System.Logger LOG = System.getLogger(SearchIndexer.class.getName());

    private final Database database;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean wanted;
    private volatile boolean stopped;

    private SearchIndexer(Database database, boolean inBackground) {
        this.database = database;
        if (inBackground) {
            thread = new Thread(this::run, "mail-cache-indexer");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
        } else {
            thread = null;
        }
    }

    /** An indexer; with {@code inBackground}, its thread is started and works off what an earlier run left. */
    static SearchIndexer start(Database database, boolean inBackground) {
        SearchIndexer indexer = new SearchIndexer(database, inBackground);
        if (inBackground) {
            indexer.wanted = true;
            indexer.thread.start();
        }
        return indexer;
    }

    /** There are new ranges to index: wakes the background thread, if there is one. */
    void wake() {
        if (thread == null) {
            return;
        }
        synchronized (signal) {
            wanted = true;
            signal.notifyAll();
        }
    }

    /** Indexes up to {@code maxRows} rows in one transaction on this thread; returns how many. */
    int indexSome(int maxRows) {
        return database.write(c -> index(c, maxRows));
    }

    private void run() {
        while (!stopped) {
            try {
                synchronized (signal) {
                    while (!wanted && !stopped) {
                        signal.wait();
                    }
                    wanted = false;
                }
                int indexed;
                do {
                    waitForQuiet();
                    if (stopped) {
                        return;
                    }
                    indexed = database.writeInBackground(c -> index(c, BATCH));
                } while (indexed > 0);
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException closed) {
                return;
            } catch (RuntimeException e) {
                // the ranges stay; the next putHeaders or the next start tries again
                LOG.log(System.Logger.Level.WARNING, "indexing the mail cache for search failed", e);
            }
        }
    }

    private void waitForQuiet() throws InterruptedException {
        while (!stopped) {
            long quietFor = TimeUnit.NANOSECONDS.toMillis(database.nanosSinceLastWrite());
            if (quietFor >= QUIET_MILLIS && !database.writersWaiting()) {
                return;
            }
            Thread.sleep(Math.max(10, QUIET_MILLIS - quietFor));
        }
    }

    private record Range(long id, long lo, long hi) {
    }

    /**
     * Inside a write: takes the newest ranges up to {@code maxRows} existing rows, indexes those rows in
     * one statement (FTS5 writes a segment whenever another statement starts, so range by range would
     * make many small segments) and shrinks or drops the ranges.
     */
    private int index(Connection c, int maxRows) throws SQLException {
        List<long[]> spans = new ArrayList<>();
        int rows = 0;
        PreparedStatement next = database.writeStatement("SELECT lo, lo, hi FROM unindexed ORDER BY lo DESC LIMIT 1");
        PreparedStatement cut = database.writeStatement(
                "SELECT min(id), count(*) FROM (SELECT id FROM message WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT ?)");
        PreparedStatement drop = database.writeStatement("DELETE FROM unindexed WHERE lo = ?");
        PreparedStatement shrink = database.writeStatement("UPDATE unindexed SET hi = ? WHERE lo = ?");
        while (rows < maxRows && spans.size() < MAX_SPANS) {
            Range range;
            try (ResultSet row = next.executeQuery()) {
                if (!row.next()) {
                    break;
                }
                range = new Range(row.getLong(1), row.getLong(2), row.getLong(3));
            }
            cut.setLong(1, range.lo());
            cut.setLong(2, range.hi());
            cut.setInt(3, maxRows - rows);
            long lowest;
            int found;
            try (ResultSet row = cut.executeQuery()) {
                row.next();
                lowest = row.getLong(1);
                found = row.getInt(2);
            }
            if (found == maxRows - rows && lowest > range.lo()) {
                shrink.setLong(1, lowest - 1);
                shrink.setLong(2, range.id());
                shrink.executeUpdate();
            } else {
                drop.setLong(1, range.id());
                drop.executeUpdate();
            }
            if (found > 0) {
                spans.add(new long[] {lowest, range.hi()});
                rows += found;
            }
        }
        if (spans.isEmpty()) {
            return 0;
        }
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < spans.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("m.id BETWEEN ? AND ?");
        }
        // no row of a range is in the index: putHeaders took replaced rows out, putBody takes the rows it
        // indexes out of their range, and ranges do not overlap
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO search (rowid, subject, sender, recipients, body) "
                     + "SELECT m.id, m.subject, m.sender, m.recipients, b.text FROM message m LEFT JOIN body b ON b.id = m.id "
                     + "WHERE " + where + " ORDER BY m.id")) {
            for (int i = 0; i < spans.size(); i++) {
                insert.setLong(2 * i + 1, spans.get(i)[0]);
                insert.setLong(2 * i + 2, spans.get(i)[1]);
            }
            insert.executeUpdate();
        }
        return rows;
    }

    /** Messages written but not yet in the search index; on a reader connection. */
    static int unindexed(Connection reader) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement(
                "SELECT count(*) FROM unindexed u JOIN message m ON m.id BETWEEN u.lo AND u.hi");
             ResultSet row = query.executeQuery()) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (thread == null) {
            return;
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
