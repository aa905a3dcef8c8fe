package org.padlockmail.mail.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of {@link MailCache#search} on a reader connection. What is slow differs by query, so it picks
 * a way by what it finds (times: 100k messages, 20k bodies, loaded two-core machine):
 *
 * <ul>
 * <li><b>Few index hits</b> (under {@link Tuning#fewHits}): their rows are read by rowid and sorted.</li>
 * <li><b>Many index hits</b>: evaluating a common word over the whole index costs 30-90 ms by itself
 *     (position lists of every trigram), so the newest rows are taken in chunks of the date index and
 *     the match is evaluated only over the rowid range, per folder, of each chunk's rows that have the
 *     short words, until the limit is reached: 2-10 ms per 10,000 rows. Where chunks stop paying (hits scattered thinly, dates far from
 *     UID order), the rest is one query walking the date index against the whole match.</li>
 * <li><b>Short words only</b> (no trigram): the newest {@link Tuning#walkBudget} rows by the date index,
 *     which finds a common word at once; if that gives fewer than the limit, a scan in file order with
 *     a top-N sort (30 ms at 100k rows, where the whole date walk took 85).</li>
 * </ul>
 *
 * Rows waiting for the index ({@link SearchIndexer}) are matched by LIKE on the long words as well.
 */
final class Search {

    /**
     * Where the ways part; small values let a test drive every way on a few rows.
     *
     * @param fewHits    index hits under which they are sorted
     * @param walkBudget rows of the date index walked for short words before a scan
     * @param firstChunk rows of the first chunk; the next ones as big as the hits so far say, up to {@code maxChunk}
     * @param chunks     chunks before the rest is one query
     */
    record Tuning(int fewHits, int walkBudget, int firstChunk, int maxChunk, int chunks) {
        static final Tuning DEFAULT = new Tuning(2_000, 5_000, 2_000, 32_000, 4);
    }

    private static final String NEWEST_FIRST = " ORDER BY m.internaldate DESC, m.id DESC";
    private static final String LIKE_HEADERS = " AND (m.subject LIKE ? ESCAPE '\\' OR m.sender LIKE ? ESCAPE '\\')";
    /** For a row not in the search index yet: a long word in any of the indexed texts. */
    private static final String LIKE_ALL = " AND (u.subject LIKE ? ESCAPE '\\' OR u.sender LIKE ? ESCAPE '\\'"
            + " OR u.recipients LIKE ? ESCAPE '\\' OR b.text LIKE ? ESCAPE '\\')";

    private final Connection c;
    private final SearchQuery query;
    private final long folderId;
    private final long lo;
    private final long hi;
    private final int limit;
    private final boolean unindexed;
    private final Tuning tuning;

    /** A search in folder {@code folderId}, or in all folders with -1. */
    Search(Connection c, SearchQuery query, long folderId, int limit, Tuning tuning) throws SQLException {
        this.c = c;
        this.query = query;
        this.folderId = folderId;
        this.lo = folderId >= 0 ? MailCache.key(folderId, 0) : 0;
        this.hi = folderId >= 0 ? MailCache.key(folderId, 0xFFFF_FFFFL) : Long.MAX_VALUE;
        this.limit = limit;
        this.tuning = tuning;
        this.unindexed = hasUnindexed();
    }

    /** The rowids of the hits, newest first. */
    List<Long> run() throws SQLException {
        if (query.match() == null) {
            return shortWordsOnly();
        }
        String few = fewHits();
        if (few != null) {
            List<Object> parameters = new ArrayList<>();
            String sql = "SELECT m.id FROM message m NOT INDEXED WHERE 1" + shortWords(parameters)
                    + " AND (m.id IN (SELECT value FROM json_each(?))";
            parameters.add(few);
            sql += fallback(parameters, lo, hi) + ")" + NEWEST_FIRST + " LIMIT ?";
            return ids(sql, parameters, limit);
        }
        return manyHits();
    }

    /**
     * The rowids the search index has for the match, as a JSON array, when there are fewer than
     * {@link Tuning#fewHits}; null when there are more. One evaluation serves the choice and the query.
     */
    private String fewHits() throws SQLException {
        try (PreparedStatement hits = c.prepareStatement(
                "SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?")) {
            hits.setString(1, query.match());
            hits.setLong(2, lo);
            hits.setLong(3, hi);
            hits.setInt(4, tuning.fewHits());
            StringBuilder ids = new StringBuilder("[");
            int n = 0;
            try (ResultSet rows = hits.executeQuery()) {
                while (rows.next()) {
                    ids.append(n++ == 0 ? "" : ",").append(rows.getLong(1));
                }
            }
            return n < tuning.fewHits() ? ids.append(']').toString() : null;
        }
    }

    private List<Long> manyHits() throws SQLException {
        List<Long> hits = new ArrayList<>();
        long[] after = null;
        long walked = 0;
        int chunk = tuning.firstChunk();
        for (int round = 0; round < tuning.chunks(); round++) {
            // a chunk is a number of rows of the date index, not of rows matching the short words: the
            // cost of the match grows with the rowid range it is evaluated over
            long[] last = nth(after, chunk);
            List<Object> parameters = new ArrayList<>();
            String sql = "SELECT m.id FROM message m " + dateIndex() + " WHERE 1" + folder(parameters) + shortWords(parameters)
                    + olderThan(after, parameters) + notOlderThan(last, parameters) + NEWEST_FIRST;
            List<Long> candidates = ids(sql, parameters, Integer.MAX_VALUE);
            Set<Long> matching = matchingIn(candidates);
            for (long candidate : candidates) {
                if (matching.contains(candidate)) {
                    hits.add(candidate);
                    if (hits.size() == limit) {
                        return hits;
                    }
                }
            }
            if (last == null) {
                return hits;
            }
            after = last;
            walked += chunk;
            // as many rows as the hits so far say the rest needs, and a quarter more: walking the date
            // index (1.5 us a row) and the match over the range (1 us) both cost by the row
            long needed = hits.isEmpty() ? 4L * chunk : (limit - hits.size()) * walked * 5 / 4 / hits.size();
            chunk = (int) Math.max(tuning.firstChunk(), Math.min(tuning.maxChunk(), needed));
        }
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT m.id FROM message m " + dateIndex() + " WHERE 1" + folder(parameters) + shortWords(parameters)
                + olderThan(after, parameters) + " AND (m.id IN (SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ?)";
        parameters.add(query.match());
        parameters.add(lo);
        parameters.add(hi);
        sql += fallback(parameters, lo, hi) + ")" + NEWEST_FIRST + " LIMIT ?";
        hits.addAll(ids(sql, parameters, limit - hits.size()));
        return hits;
    }

    /** Internal date and rowid of the {@code n}th row of the date index after {@code after}; null past the end. */
    private long[] nth(long[] after, int n) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT m.internaldate, m.id FROM message m " + dateIndex() + " WHERE 1" + folder(parameters)
                + olderThan(after, parameters) + NEWEST_FIRST + " LIMIT 1 OFFSET ?";
        parameters.add(n - 1);
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet row = statement.executeQuery()) {
            return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : null;
        }
    }

    /** Which candidates match the long words: the index evaluated over each folder's rowid range of them. */
    private Set<Long> matchingIn(List<Long> candidates) throws SQLException {
        Map<Long, long[]> ranges = new LinkedHashMap<>();
        for (long candidate : candidates) {
            long[] range = ranges.computeIfAbsent(candidate >>> 32, f -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            range[0] = Math.min(range[0], candidate);
            range[1] = Math.max(range[1], candidate);
        }
        Set<Long> matching = new HashSet<>();
        for (long[] range : ranges.values()) {
            List<Object> parameters = new ArrayList<>(List.of(query.match(), range[0], range[1]));
            String sql = "SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ?";
            String fallback = fallback(parameters, range[0], range[1]);
            if (!fallback.isEmpty()) {
                sql = "SELECT m.id FROM message m WHERE m.id IN (" + sql + ")" + fallback;
            }
            matching.addAll(ids(sql, parameters, Integer.MAX_VALUE));
        }
        return matching;
    }

    private List<Long> shortWordsOnly() throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String newest = "SELECT * FROM message m " + dateIndex() + " WHERE 1" + folder(parameters) + NEWEST_FIRST + " LIMIT ?";
        parameters.add(tuning.walkBudget());
        List<Long> hits = ids("SELECT m.id FROM (" + newest + ") m WHERE 1" + shortWords(parameters) + NEWEST_FIRST + " LIMIT ?",
                parameters, limit);
        if (hits.size() == limit) {
            return hits;
        }
        parameters.clear();
        parameters.add(lo);
        parameters.add(hi);
        return ids("SELECT m.id FROM message m NOT INDEXED WHERE m.id BETWEEN ? AND ?" + shortWords(parameters) + NEWEST_FIRST
                + " LIMIT ?", parameters, limit);
    }

    private String dateIndex() {
        return "INDEXED BY " + (folderId >= 0 ? "message_list" : "message_date");
    }

    private String folder(List<Object> parameters) {
        if (folderId < 0) {
            return "";
        }
        parameters.add(folderId);
        return " AND m.folder = ?";
    }

    /** Short words first in a condition: cheap on a row already read, and they rule out most rows. */
    private String shortWords(List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        for (String like : query.likes()) {
            sql.append(LIKE_HEADERS);
            parameters.add(like);
            parameters.add(like);
        }
        return sql.toString();
    }

    /** Rows after {@code after} (internal date, rowid; null: from the newest) newest first; the date bound lets the index seek. */
    private static String olderThan(long[] after, List<Object> parameters) {
        if (after == null) {
            return "";
        }
        parameters.add(after[0]);
        parameters.add(after[0]);
        parameters.add(after[1]);
        return " AND m.internaldate <= ? AND (m.internaldate < ? OR m.id < ?)";
    }

    /** Rows up to and including {@code last} (null: to the oldest), newest first. */
    private static String notOlderThan(long[] last, List<Object> parameters) {
        if (last == null) {
            return "";
        }
        parameters.add(last[0]);
        parameters.add(last[0]);
        parameters.add(last[1]);
        return " AND m.internaldate >= ? AND (m.internaldate > ? OR m.id >= ?)";
    }

    /** " OR m.id IN (rows between two rowids waiting for the index whose texts have the long words)", or "". */
    private String fallback(List<Object> parameters, long from, long to) {
        if (!unindexed) {
            return "";
        }
        // range by range (CROSS JOIN fixes the order): probing the ranges for every row was quadratic,
        // 1.4 s for 100k rows waiting
        StringBuilder sql = new StringBuilder(" OR m.id IN (SELECT u.id FROM unindexed r CROSS JOIN message u"
                + " ON u.id BETWEEN r.lo AND r.hi LEFT JOIN body b ON b.id = u.id"
                + " WHERE r.lo BETWEEN ? AND ? AND r.hi >= ? AND u.id BETWEEN ? AND ?");
        // a range lies inside one folder: those of the folder of `from` start at or after its first rowid
        parameters.add(from & ~0xFFFF_FFFFL);
        parameters.add(to);
        parameters.add(from);
        parameters.add(from);
        parameters.add(to);
        for (String like : query.phraseLikes()) {
            sql.append(LIKE_ALL);
            for (int i = 0; i < 4; i++) {
                parameters.add(like);
            }
        }
        return sql.append(')').toString();
    }

    /** Whether any rows of the searched folders wait for the search index. */
    private boolean hasUnindexed() throws SQLException {
        try (PreparedStatement any = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM unindexed WHERE lo BETWEEN ? AND ?)")) {
            any.setLong(1, lo);
            any.setLong(2, hi);
            try (ResultSet row = any.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** The first column of the rows, at most {@code max} of them; a trailing "LIMIT ?" gets {@code max}. */
    private List<Long> ids(String sql, List<Object> parameters, int max) throws SQLException {
        List<Object> all = new ArrayList<>(parameters);
        if (sql.endsWith("LIMIT ?")) {
            all.add(max);
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = prepare(sql, all); ResultSet rows = statement.executeQuery()) {
            while (rows.next() && ids.size() < max) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
