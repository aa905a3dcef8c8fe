package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.testing.MemoryFolderCache;

/**
 * GreenMail (in the JVM) offers neither CONDSTORE nor QRESYNC nor ESEARCH: the sync must find that out by
 * itself and take the FULL path, ending with the cache equal to the server.
 */
class FolderSyncGreenMailTest {

    @TempDir
    Path folder;

    @RegisterExtension
    final GreenMailbox server = new GreenMailbox();

    @BeforeEach
    void start() throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            messages.add(GreenMailbox.message("sender" + i + "@green.test", i == 30 ? "=?UTF-8?B?5pyA5paw55qE?=" : "Green " + i,
                    "body " + i));
        }
        server.append("INBOX", messages.toArray(new Message[0]));
    }

    private Map<Long, Integer> serverListing() throws Exception {
        IMAPFolder f = (IMAPFolder) server.other().getFolder("INBOX");
        f.open(Folder.READ_ONLY);
        try {
            Message[] messages = f.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.FLAGS);
            f.fetch(messages, profile);
            Map<Long, Integer> listing = new TreeMap<>();
            for (Message m : messages) {
                listing.put(f.getUID(m), bits(m.getFlags()));
            }
            return listing;
        } finally {
            f.close(false);
        }
    }

    private void assertMatchesServer(MemoryFolderCache cache) throws Exception {
        assertEquals(serverListing(), cache.rows().stream().collect(Collectors.toMap(CachedHeader::uid, CachedHeader::flags,
                (a, b) -> a, TreeMap::new)));
    }

    @Test
    void withoutCondstoreTheSyncListsEveryFlagAndFindsExpungesByComparing() throws Exception {
        MemoryFolderCache cache = new MemoryFolderCache("INBOX");
        try (SyncConnection sync = SyncConnection.open(server.account(), "pw", ScriptedImap.connector(folder), r -> { },
                SyncOptions.defaults().withChunks(10, 10))) {
            SyncResult cold = sync.sync(cache, SyncProgress.NONE);
            assertEquals(SyncPath.COLD, cold.path());
            assertEquals(List.of(10, 10, 10), cache.batches);
            assertEquals(0, cache.state().orElseThrow().highestModSeq());
            assertEquals("最新的", cache.row(30).subject());
            assertFalse(sync.compressed());
            assertMatchesServer(cache);

            IMAPFolder f = (IMAPFolder) server.other().getFolder("INBOX");
            f.open(Folder.READ_WRITE);
            f.getMessageByUID(5).setFlag(Flags.Flag.SEEN, true);
            f.getMessageByUID(6).setFlag(Flags.Flag.DELETED, true);
            f.getMessageByUID(7).setFlag(Flags.Flag.DELETED, true);
            f.close(true);
            MimeMessage late = new MimeMessage(Session.getInstance(new Properties()));
            late.setSubject("late");
            late.setText("late");
            server.other().getFolder("INBOX").appendMessages(new Message[] {late});

            SyncResult warm = sync.sync(cache, SyncProgress.NONE);
            assertEquals(SyncPath.FULL, warm.path());
            assertEquals(1, warm.added());
            assertEquals(2, warm.removed());
            assertEquals(28, warm.changed(), "every remaining cached row's flags were written");
            assertTrue(CachedHeader.Flag.SEEN.in(cache.row(5).flags()));
            assertMatchesServer(cache);
        }
    }

    /** The flag bits a cache row keeps, from jakarta.mail's flags: the server's listing in the cache's terms. */
    static int bits(Flags flags) {
        int bits = 0;
        Flags.Flag[] system = {Flags.Flag.SEEN, Flags.Flag.ANSWERED, Flags.Flag.FLAGGED, Flags.Flag.DELETED, Flags.Flag.DRAFT};
        CachedHeader.Flag[] ours = {CachedHeader.Flag.SEEN, CachedHeader.Flag.ANSWERED, CachedHeader.Flag.FLAGGED,
                CachedHeader.Flag.DELETED, CachedHeader.Flag.DRAFT};
        for (int i = 0; i < system.length; i++) {
            if (flags.contains(system[i])) {
                bits |= ours[i].bit();
            }
        }
        return bits;
    }
}
