package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.mail.cache.Headers.header;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full-text search over subject, from, to and body text, in English and Chinese, with every row in the
 * search index; {@link SearchBeforeIndexingTest} runs the same searches before it is built.
 */
class SearchTest {

    @TempDir
    Path dir;

    protected MailCache cache;

    /** Whether the rows are put in the search index before each test. */
    protected boolean indexed() {
        return true;
    }

    @BeforeEach
    void fill() {
        cache = MailCache.open(dir.resolve("search.sqlite"), false);
        FolderCache inbox = cache.folder("INBOX");
        inbox.putHeaders(List.of(
                header(1, 1000, "Quarterly Report draft", "Alice Liu <alice@example.org>", "team@example.org"),
                header(2, 2000, "关于下周会议纪要的通知", "王伟 <wang.wei@example.cn>", "all@example.cn"),
                header(3, 3000, "Lunch on Friday?", "Bob <bob@example.org>", "alice@example.org"),
                header(4, 4000, "项目进度报告", "Carol <carol@example.org>", "team@example.org"),
                header(5, 5000, "Re: quarterly report, final", "Bob <bob@example.org>", "team@example.org"),
                header(6, 6000, "50% off \"NEAR(\" *sale* - today_only", "shop@example.com", "me@example.org")));
        cache.putBody("INBOX", 3, "raw".getBytes(StandardCharsets.US_ASCII), "Shall we try the new noodle place?");
        cache.putBody("INBOX", 4, "raw".getBytes(StandardCharsets.US_ASCII), "本周完成了数据库迁移, 下周开始性能测试。");
        cache.folder("Archive").putHeaders(List.of(
                header(7, 500, "Old quarterly report", "Alice Liu <alice@example.org>", "team@example.org"),
                header(8, 600, "会议室预订", "前台 <desk@example.cn>", "all@example.cn")));
        if (indexed()) {
            while (cache.indexPending(3) > 0) {
                // in several batches
            }
        }
        assertEquals(indexed() ? 0 : 6, cache.unindexedCount(), "the two with a body are counted as well");
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private List<Long> find(String query) {
        return find(query, null);
    }

    private List<Long> find(String query, String folder) {
        return cache.search(query, folder, 100).stream().map(hit -> hit.header().uid()).toList();
    }

    @Test
    void anEnglishWordCaseInsensitivelyNewestFirst() {
        assertEquals(List.of(5L, 1L, 7L), find("QUARTERLY"));
        assertEquals(List.of(5L, 1L, 7L), find("quarter"));
    }

    @Test
    void hitsSayWhichFolderTheyAreIn() {
        assertEquals(List.of("INBOX", "INBOX", "Archive"), cache.search("quarterly", null, 10).stream().map(SearchHit::folder).toList());
    }

    @Test
    void aFolderFilterKeepsToThatFolder() {
        assertEquals(List.of(7L), find("quarterly", "Archive"));
        assertEquals(List.of(5L, 1L), find("quarterly", "INBOX"));
        assertEquals(List.of(8L), find("会议", "Archive"));
        assertEquals(List.of(), find("quarterly", "Nowhere"));
    }

    @Test
    void theLimitKeepsTheNewest() {
        assertEquals(List.of(5L, 1L), cache.search("quarterly", null, 2).stream().map(h -> h.header().uid()).toList());
    }

    @Test
    void aChineseSubstringOfThreeOrMoreCharacters() {
        assertEquals(List.of(2L), find("会议纪要"));
        assertEquals(List.of(2L), find("下周会"));
        assertEquals(List.of(4L), find("进度报告"));
    }

    @Test
    void twoChineseCharactersFallBackToScanningHeaders() {
        assertEquals(List.of(2L, 8L), find("会议"));
        assertEquals(List.of(4L), find("报告"));
        assertEquals(List.of(2L), find("王伟"));
    }

    @Test
    void aSenderAddressOrName() {
        assertEquals(List.of(5L, 3L), find("bob@example.org"));
        assertEquals(List.of(2L), find("wang.wei"));
        assertEquals(List.of(1L, 7L), find("Alice Liu"));
    }

    @Test
    void aRecipient() {
        assertEquals(List.of(6L), find("me@example.org"));
    }

    @Test
    void bodyTextOfCachedMessages() {
        assertEquals(List.of(3L), find("noodle"));
        assertEquals(List.of(4L), find("数据库迁移"));
        assertEquals(List.of(4L), find("性能测试"));
    }

    @Test
    void everyWordMustMatch() {
        assertEquals(List.of(5L, 1L, 7L), find("quarterly report"));
        assertEquals(List.of(5L), find("quarterly final"), "both");
        assertEquals(List.of(5L), find("final report"), "in any order");
        assertEquals(List.of(), find("quarterly noodle"));
        assertEquals(List.of(3L), find("bob noodle"), "header and body");
        assertEquals(List.of(1L), find("dr quarterly"), "a short and a long word");
        assertEquals(List.of(4L), find("项目 性能测试"), "two characters and a body phrase");
    }

    @Test
    void quotesMakeOnePhrase() {
        assertEquals(List.of(5L), find("\"report, final\""));
        assertEquals(List.of(), find("\"final report\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"\"", "*", "NEAR(", "NEAR(a b)", "-", "-sale", "a OR b", "AND", "NOT x", "^start",
            "col:", "subject:report", "(", ")", "{a b}", "'", "';DROP TABLE message;--", "%", "_", "\\", "50%", "today_only",
            "quarterly\"", "\"quarterly", "a\"b\"c", "😀😀😀", "\u0000"})
    void searchSyntaxInTheQueryIsTakenAsText(String query) {
        cache.search(query, null, 10);
        cache.search(query, "INBOX", 10);
        assertEquals(8, cache.count("INBOX") + cache.count("Archive"));
    }

    @Test
    void searchSyntaxCharactersAreFoundAsText() {
        assertEquals(List.of(6L), find("NEAR("));
        assertEquals(List.of(6L), find("*sale*"));
        assertEquals(List.of(6L), find("50%"));
        assertEquals(List.of(6L), find("today_only"));
        assertEquals(List.of(6L), find("- today"));
        assertEquals(List.of(), find("%%"), "a LIKE wildcard is a literal");
        assertEquals(List.of(), find("r_"), "an underscore is a literal");
    }

    @Test
    void emptyQueriesFindNothing() {
        assertTrue(find("").isEmpty());
        assertTrue(find("   ").isEmpty());
    }
}
