package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.mail.cache.Headers.FLAGGED;
import static org.padlockmail.mail.cache.Headers.SEEN;
import static org.padlockmail.mail.cache.Headers.header;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.cache.PendingChange.Kind;

/** Changes made offline: shown at once, kept in order until replayed, not undone by a sync meanwhile. */
class OfflineQueueTest {

    @TempDir
    Path dir;

    private MailCache cache;
    private FolderCache inbox;

    @BeforeEach
    void fill() {
        cache = MailCache.open(dir.resolve("queue.sqlite"));
        inbox = cache.folder("INBOX");
        inbox.putHeaders(List.of(header(1, "one"), header(2, "two"), header(3, "three"), header(4, "four walrus")));
        inbox.saveState(new FolderState(555, 5, 0));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private int flags(long uid) {
        return cache.header("INBOX", uid).orElseThrow().flags();
    }

    @Test
    void changesAreKeptInTheOrderTheyWereMadeWithTheFolderUidValidity() {
        PendingChange first = cache.queue(PendingChange.addFlags("INBOX", 1, SEEN));
        PendingChange second = cache.queue(PendingChange.move("INBOX", 2, "Archive"));
        PendingChange third = cache.queue(PendingChange.removeFlags("INBOX", 1, SEEN));
        PendingChange fourth = cache.queue(PendingChange.delete("INBOX", 3));

        assertEquals(List.of(first, second, third, fourth), cache.pending());
        assertTrue(first.id() < second.id() && second.id() < third.id() && third.id() < fourth.id());
        assertEquals(new PendingChange(second.id(), "INBOX", 2, 555, Kind.MOVE, 0, "Archive"), second);
        assertEquals(List.of(Kind.ADD_FLAGS, Kind.MOVE, Kind.REMOVE_FLAGS, Kind.DELETE),
                cache.pending().stream().map(PendingChange::kind).toList());
    }

    @Test
    void doneRemovesOnlyThatChange() {
        PendingChange first = cache.queue(PendingChange.addFlags("INBOX", 1, SEEN));
        PendingChange second = cache.queue(PendingChange.addFlags("INBOX", 2, SEEN));
        cache.done(first.id());
        assertEquals(List.of(second), cache.pending());
        cache.done(second.id());
        assertTrue(cache.pending().isEmpty());
    }

    @Test
    void flagChangesShowAtOnce() {
        cache.queue(PendingChange.addFlags("INBOX", 1, SEEN | FLAGGED));
        assertEquals(SEEN | FLAGGED, flags(1));
        cache.queue(PendingChange.removeFlags("INBOX", 1, FLAGGED));
        assertEquals(SEEN, flags(1));
        assertEquals(3, cache.unreadCount("INBOX"));
    }

    @Test
    void movedAndDeletedMessagesLeaveTheFolderAndItsSearchHits() {
        cache.queue(PendingChange.move("INBOX", 4, "Archive"));
        cache.queue(PendingChange.delete("INBOX", 2));

        assertArrayEquals(new long[] {1, 3}, inbox.uids());
        assertTrue(cache.search("walrus", null, 10).isEmpty());
        assertEquals(0, cache.count("Archive"), "the target gets the message from its own sync");
    }

    @Test
    void aSyncBeforeTheReplayDoesNotUndoThem() {
        cache.queue(PendingChange.addFlags("INBOX", 1, FLAGGED));
        cache.queue(PendingChange.move("INBOX", 4, "Archive"));

        // the server does not know yet: it still says 1 is unflagged, and 4 is in the INBOX
        inbox.updateFlags(List.of(new FlagUpdate(1, SEEN, 10), new FlagUpdate(2, SEEN, 10)));
        inbox.putHeaders(List.of(header(4, "four walrus"), header(5, "five")));

        assertEquals(SEEN | FLAGGED, flags(1));
        assertEquals(SEEN, flags(2));
        assertArrayEquals(new long[] {1, 2, 3, 5}, inbox.uids());

        // once replayed, the server's word is final again
        cache.pending().forEach(change -> cache.done(change.id()));
        inbox.updateFlags(List.of(new FlagUpdate(1, SEEN, 11)));
        assertEquals(SEEN, flags(1));
    }

    @Test
    void aChangeToAnUncachedMessageIsStillQueued() {
        PendingChange change = cache.queue(PendingChange.addFlags("Elsewhere", 9, SEEN));
        assertEquals(0, change.uidValidity());
        assertEquals(List.of(change), cache.pending());
    }

    @Test
    void malformedChangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PendingChange.addFlags("INBOX", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> PendingChange.move("INBOX", 1, null));
        assertThrows(IllegalArgumentException.class, () -> PendingChange.delete("INBOX", 0));
        assertThrows(NullPointerException.class, () -> PendingChange.delete(null, 1));
    }
}
