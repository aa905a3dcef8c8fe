package org.padlockmail.mail.cache;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one cache file, and the rule for threads:
 *
 * <ul>
 * <li>one writer connection; {@link #write} holds a lock for the whole transaction, so writes from any
 *     thread run one after the other, each as one transaction;</li>
 * <li>up to {@link #READERS} reader connections; {@link #read} borrows one for the length of a call and
 *     gives it back. WAL lets them read beside the writer: a read sees what was committed when its
 *     statement started, never half a write, and neither side waits for the other.</li>
 * </ul>
 *
 * A JDBC connection is never used by two threads at once.
 */
final class Database implements AutoCloseable {

    /** Enough for the list, a search and a sync reading at once on a two-core machine. */
    static final int READERS = 3;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, PreparedStatement> writerStatements = new HashMap<>();
    private final Statement transactions;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;
    /** System.nanoTime() at the end of the last {@link #write}; background work waits for a quiet spell. */
    private volatile long lastWrite = System.nanoTime();

    private Database(String url, Connection writer) throws SQLException {
        this.url = url;
        this.writer = writer;
        this.transactions = writer.createStatement();
    }

    /** Opens the writer connection and brings the schema up to date; fails on a corrupt or foreign file. */
    static Database open(Path file) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection writer = connect(url, true);
        try {
            Schema.migrate(writer, Schema.CURRENT);
            try (Statement statement = writer.createStatement()) {
                // touches the tables, so a damaged file fails here rather than at the first sync
                statement.execute("SELECT count(*) FROM folder");
                statement.execute("PRAGMA optimize = 0x10002");
            }
            return new Database(url, writer);
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static Connection connect(String url, boolean writer) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // WAL with synchronous=NORMAL: a power cut may lose the last commits, never the file's integrity;
        // everything here can be fetched again
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        // otherwise the driver runs "SELECT last_insert_rowid()" (prepared, stepped, finalized) after
        // every INSERT for getGeneratedKeys, which nothing here calls (RETURNING gives ids): 15% of putHeaders
        config.setGetGeneratedKeys(false);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(writer ? -32_000 : -8_000);
        // pages read straight from the file mapping, not copied into each connection's cache: a scan of
        // 100k rows (a two-letter word found nowhere) took 150 ms through the cache, 40 ms mapped
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(256L * 1024 * 1024));
        Connection connection = config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            if (writer) {
                // a big sync may grow the log; give the space back after each checkpoint
                statement.execute("PRAGMA journal_size_limit = 33554432");
                // a checkpoint every 32 MB of log rather than 4 MB: a cold sync of 100k rows spent a
                // third of its time copying pages from the log into the file
                statement.execute("PRAGMA wal_autocheckpoint = 8192");
            } else {
                statement.execute("PRAGMA query_only = 1");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Runs {@code work} as one transaction on the writer connection; rolls back if it throws. */
    <T> T write(Work<T> work) {
        try {
            return transaction(work);
        } finally {
            lastWrite = System.nanoTime();
        }
    }

    /** {@link #write} for background work: does not count as activity that background work waits out. */
    <T> T writeInBackground(Work<T> work) {
        return transaction(work);
    }

    /** How long ago the last {@link #write} ended. */
    long nanosSinceLastWrite() {
        return System.nanoTime() - lastWrite;
    }

    /** Whether another thread is waiting to write; background work lets it go first. */
    boolean writersWaiting() {
        return writeLock.hasQueuedThreads();
    }

    private <T> T transaction(Work<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            // explicit BEGIN/COMMIT on an auto-commit connection: no transaction stays open between writes
            transactions.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                transactions.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    transactions.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new CacheException("could not write the mail cache", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** A statement of the writer connection, prepared once; only inside {@link #write}. */
    PreparedStatement writeStatement(String sql) throws SQLException {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("writer statement outside a write");
        }
        PreparedStatement statement = writerStatements.get(sql);
        if (statement == null) {
            statement = writer.prepareStatement(sql);
            writerStatements.put(sql, statement);
        }
        return statement;
    }

    /** Runs {@code work} on a reader connection borrowed for the call. */
    <T> T read(Work<T> work) {
        Connection reader = borrow();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw new CacheException("could not read the mail cache", e);
        } finally {
            giveBack(reader);
        }
    }

    private Connection borrow() {
        ensureOpen();
        Connection reader = idleReaders.poll();
        if (reader != null) {
            return reader;
        }
        synchronized (allReaders) {
            if (allReaders.size() < READERS) {
                try {
                    reader = connect(url, false);
                } catch (SQLException e) {
                    throw new CacheException("could not open a reader of the mail cache", e);
                }
                allReaders.add(reader);
                return reader;
            }
        }
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("interrupted while waiting for a reader of the mail cache", e);
        }
    }

    private void giveBack(Connection reader) {
        if (closed) {
            closeQuietly(reader);
        } else {
            idleReaders.add(reader);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the mail cache is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (PreparedStatement statement : writerStatements.values()) {
                closeQuietly(statement);
            }
            try {
                transactions.execute("PRAGMA optimize");
            } catch (SQLException ignored) {
                // only statistics for the query planner
            }
            closeQuietly(transactions);
            closeQuietly(writer);
            Connection reader;
            while ((reader = idleReaders.poll()) != null) {
                closeQuietly(reader);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing; nothing left to do with it
        }
    }
}
