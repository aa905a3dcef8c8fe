package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.padlockmail.mail.cache.Headers.header;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list sorted by a column: the cache gives the UIDs in order, then pages of rows by UID. */
class MessageOrderTest {

    @TempDir
    Path folder;

    private MailCache cache;

    @BeforeEach
    void open() {
        cache = MailCache.open(folder.resolve("cache.sqlite"), false);
        long day = 86_400;
        cache.folder("INBOX").putHeaders(List.of(
                header(1, 1_700_000_000L + 5 * day, "Re: Budget", "\"Zhang, Wei\" <wei@padlock.test>", "me"),
                header(2, 1_700_000_000L + 1 * day, "agenda", "bob@padlock.test", "me"),
                header(3, 1_700_000_000L + 3 * day, "RE: FWD: apples", "Alice <alice@padlock.test>", "me"),
                header(4, 1_700_000_000L + 4 * day, "回复：budget", "alice <other@padlock.test>", "me"),
                header(5, 1_700_000_000L + 2 * day, null, null, "me")));
        cache.folder("Sent").putHeaders(List.of(header(9, "elsewhere")));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void byDateEitherWay() {
        assertArrayEquals(new long[] {1, 4, 3, 5, 2}, cache.uids("INBOX", MessageOrder.NEWEST_FIRST));
        assertArrayEquals(new long[] {2, 5, 3, 4, 1}, cache.uids("INBOX", new MessageOrder(MessageOrder.Column.DATE, false)));
    }

    @Test
    void bySenderNameCaseFoldedTiesNewestFirst() {
        // "" (no sender), alice (4, newer), Alice (3), bob@…, Zhang, Wei
        assertArrayEquals(new long[] {5, 4, 3, 2, 1}, cache.uids("INBOX", new MessageOrder(MessageOrder.Column.SENDER, false)));
        assertArrayEquals(new long[] {1, 2, 4, 3, 5}, cache.uids("INBOX", new MessageOrder(MessageOrder.Column.SENDER, true)));
    }

    @Test
    void bySubjectWithoutReplyAndForwardPrefixes() {
        // "", agenda, apples, budget (4 and 1: newer first)
        assertArrayEquals(new long[] {5, 2, 3, 1, 4}, cache.uids("INBOX", new MessageOrder(MessageOrder.Column.SUBJECT, false)));
        assertEquals("apples", MessageOrder.subjectKey("RE: FWD: apples"));
        assertEquals("budget", MessageOrder.subjectKey("回复：Budget"));
        assertEquals("re-scheduling", MessageOrder.subjectKey("Re-scheduling"), "a word starting with re stays whole");
        assertEquals("zhang, wei", MessageOrder.senderKey("\"Zhang, Wei\" <wei@padlock.test>"));
    }

    @Test
    void pagesComeInTheGivenOrderWithoutRowsGoneMeanwhile() {
        long[] uids = cache.uids("INBOX", new MessageOrder(MessageOrder.Column.SUBJECT, false));
        assertEquals(List.of(2L, 3L, 1L), cache.headers("INBOX", uids, 1, 4).stream().map(CachedHeader::uid).toList());
        cache.folder("INBOX").remove(new long[] {3});
        assertEquals(List.of(2L, 1L), cache.headers("INBOX", uids, 1, 4).stream().map(CachedHeader::uid).toList());
        assertEquals(List.of(), cache.headers("INBOX", uids, 4, 4));
        assertEquals(0, cache.uids("Archive", MessageOrder.NEWEST_FIRST).length);
    }
}
