package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way {@link Search} can take (few hits, chunks of the date index, the rest in one query, short
 * words walked then scanned), driven on a few hundred rows by small {@link Search.Tuning}s, against
 * the same answer worked out in Java: before indexing, half way, and after. Dates do not follow UIDs
 * and repeat, so the order and the chunk boundaries are tested where they are hard.
 */
class SearchWaysTest {

    private static final String[] SUBJECT_WORDS = {"report", "report", "report", "budget", "会议", "纪要", "q7", "misc", "note"};
    private static final String[] SENDERS = {"Ann <ann@north.org>", "Bob <bob@south.org>", "王伟 <wang@east.cn>"};
    private static final String[][] QUERIES = {{"report"}, {"budget"}, {"walrus"}, {"report budget"}, {"report q7"},
            {"会议 report"}, {"q7"}, {"会议"}, {"zz"}, {"report zz"}, {"south"}, {"wang@east"}, {"会议纪要"}};
    private static final List<Search.Tuning> TUNINGS = List.of(Search.Tuning.DEFAULT, new Search.Tuning(5, 10, 3, 12, 3),
            new Search.Tuning(1, 1, 1, 2, 2), new Search.Tuning(1_000, 1_000, 1_000, 1_000, 1));

    @TempDir
    Path dir;

    private Path file;
    private MailCache cache;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> folderIds = new HashMap<>();

    private record Row(String folder, long key, CachedHeader header, String body) {
    }

    @BeforeEach
    void fill() throws Exception {
        file = dir.resolve("ways.sqlite");
        cache = MailCache.open(file, false);
        Random random = new Random(7);
        for (String folder : new String[] {"INBOX", "Archive"}) {
            List<CachedHeader> headers = new ArrayList<>();
            for (long uid = 1; uid <= (folder.equals("INBOX") ? 400 : 200); uid++) {
                StringBuilder subject = new StringBuilder();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    subject.append(i == 0 ? "" : " ").append(SUBJECT_WORDS[random.nextInt(SUBJECT_WORDS.length)]);
                }
                // few distinct dates, not in UID order: ties and jumps across chunk boundaries
                long date = 1_700_000_000L + random.nextInt(150);
                headers.add(Headers.header(uid, date, subject.toString(), SENDERS[random.nextInt(SENDERS.length)],
                        random.nextBoolean() ? "team@north.org" : "boss@west.org"));
            }
            cache.folder(folder).putHeaders(headers);
            folderIds.put(folder, folderId(folder));
            for (CachedHeader header : headers) {
                rows.add(new Row(folder, MailCache.key(folderIds.get(folder), header.uid()), header, null));
            }
        }
        for (int i = 0; i < rows.size(); i += 37) {
            Row row = rows.get(i);
            String text = "the walrus and the budget";
            cache.putBody(row.folder(), row.header().uid(), "raw".getBytes(StandardCharsets.US_ASCII), text);
            rows.set(i, new Row(row.folder(), row.key(), row.header(), text));
        }
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private long folderId(String folder) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var s = c.prepareStatement("SELECT id FROM folder WHERE name = ?")) {
            s.setString(1, folder);
            try (var r = s.executeQuery()) {
                return r.getLong(1);
            }
        }
    }

    /** The hits as the class comment of SearchQuery defines them, newest first. */
    private List<Long> expected(String query, String folder, int limit) {
        SearchQuery parsed = SearchQuery.parse(query);
        List<String> longWords = new ArrayList<>();
        List<String> shortWords = new ArrayList<>();
        for (String word : SearchQuery.words(query)) {
            (word.codePointCount(0, word.length()) >= 3 ? longWords : shortWords).add(word.toLowerCase(Locale.ROOT));
        }
        assertEquals(parsed.likes().size(), shortWords.size());
        return rows.stream()
                .filter(row -> folder == null || row.folder().equals(folder))
                .filter(row -> longWords.stream().allMatch(word -> contains(word, row.header().subject(), row.header().from(),
                        row.header().to(), row.body())))
                .filter(row -> shortWords.stream().allMatch(word -> contains(word, row.header().subject(), row.header().from())))
                .sorted(Comparator.comparingLong((Row row) -> row.header().internalDate()).thenComparingLong(Row::key).reversed())
                .limit(limit)
                .map(Row::key)
                .toList();
    }

    private static boolean contains(String word, String... texts) {
        for (String text : texts) {
            if (text != null && text.toLowerCase(Locale.ROOT).contains(word)) {
                return true;
            }
        }
        return false;
    }

    private void everyWayFindsWhatJavaFinds(String state) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String[] query : QUERIES) {
                for (String folder : new String[] {null, "INBOX", "Archive"}) {
                    for (int limit : new int[] {1, 7, 50, 1_000}) {
                        List<Long> expected = expected(query[0], folder, limit);
                        for (Search.Tuning tuning : TUNINGS) {
                            long folderId = folder == null ? -1 : folderIds.get(folder);
                            List<Long> found = new Search(c, SearchQuery.parse(query[0]), folderId, limit, tuning).run();
                            assertEquals(expected, found, state + ": [" + query[0] + "] in " + folder + ", limit " + limit + ", " + tuning);
                        }
                        List<Long> viaCache = cache.search(query[0], folder, limit).stream()
                                .map(hit -> MailCache.key(folderIds.get(hit.folder()), hit.header().uid())).toList();
                        assertEquals(expected, viaCache, state + ": search [" + query[0] + "] in " + folder + ", limit " + limit);
                    }
                }
            }
        }
    }

    @Test
    void beforeHalfWayAndAfterIndexing() throws Exception {
        assertTrue(expected("report", null, 1_000).size() > 200, "a common word");
        assertTrue(expected("report q7", "Archive", 1_000).size() > 3, "a short word among its hits");
        assertTrue(expected("walrus", null, 1_000).size() > 10, "body text");

        everyWayFindsWhatJavaFinds("before indexing");
        cache.indexPending(250);
        everyWayFindsWhatJavaFinds("half way");
        while (cache.indexPending(1_000) > 0) {
            // the rest
        }
        assertEquals(0, cache.unindexedCount());
        everyWayFindsWhatJavaFinds("indexed");
    }
}
