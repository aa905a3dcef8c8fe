package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.activation.DataHandler;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.sync.SyncConnection;
import org.padlockmail.mail.sync.SyncException;
import org.padlockmail.mail.sync.SyncOptions;
import org.padlockmail.mail.sync.SyncPath;
import org.padlockmail.mail.sync.SyncProgress;
import org.padlockmail.mail.sync.SyncResult;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.testing.MemoryFolderCache;
import org.padlockmail.testing.RealMailServers;

/**
 * Folder sync against the real Dovecot (CONDSTORE, QRESYNC, ESEARCH, COMPRESS=DEFLATE): the cache is
 * compared with an independent listing made through Angus' high-level API on another connection.
 */
@ExtendWith(RealMailServers.class)
class FolderSyncIT {

    @TempDir
    Path folder;

    private Account alice;
    private SecureConnector connector;
    private final List<ConnectionReport> reports = new ArrayList<>();
    private String testFolder;
    private IMAPStore other;

    @BeforeEach
    void account() throws Exception {
        alice = RealMailServers.account("Alice", RealMailServers.ALICE, RealMailServers.IMAPS, SecurityMode.TLS,
                RealMailServers.SUBMISSION, SecurityMode.STARTTLS);
        connector = RealMailServers.trustingConnector(folder.resolve("pins.json"));
        testFolder = "Sync-" + UUID.randomUUID().toString().substring(0, 8);
        other = otherConnection();
        assertTrue(other.getFolder(testFolder).create(Folder.HOLDS_MESSAGES));
    }

    @AfterEach
    void closeOther() throws Exception {
        other.close();
    }

    /** Another client of the same mailbox: seeds, changes, and lists what the server holds. */
    private IMAPStore otherConnection() throws Exception {
        return ImapSession.openStore(alice, RealMailServers.alicePassword(), connector, r -> { },
                new ImapSession.StoreTuning(Duration.ofSeconds(30), false, null));
    }

    private SyncConnection open(SyncOptions options) throws Exception {
        return SyncConnection.open(alice, RealMailServers.alicePassword(), connector, reports::add, options);
    }

    private static MimeMessage plain(int i) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("bob@padlock.test", "Bob " + i));
        m.setRecipients(Message.RecipientType.TO, "alice@padlock.test, carol@padlock.test");
        m.setSubject("Message number " + i);
        m.setText("Body " + i + "\n".repeat(3) + "Lorem ipsum dolor sit amet. ".repeat(10));
        m.setSentDate(new java.util.Date(1_700_000_000_000L + i * 60_000L));
        return m;
    }

    private static MimeMessage raw(String headersAndBody) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(headersAndBody.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private void append(List<MimeMessage> messages) throws Exception {
        IMAPFolder f = (IMAPFolder) other.getFolder(testFolder);
        for (int from = 0; from < messages.size(); from += 500) {
            f.appendMessages(messages.subList(from, Math.min(messages.size(), from + 500)).toArray(new Message[0]));
        }
    }

    private void seed(int count) throws Exception {
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(plain(i));
        }
        append(messages);
    }

    /** UID → flag bits, as Angus lists them on the other connection. */
    private Map<Long, Integer> serverListing() throws Exception {
        IMAPFolder f = (IMAPFolder) other.getFolder(testFolder);
        f.open(Folder.READ_ONLY);
        try {
            Message[] messages = f.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.FLAGS);
            f.fetch(messages, profile);
            Map<Long, Integer> listing = new TreeMap<>();
            for (Message m : messages) {
                Flags flags = m.getFlags();
                int bits = (flags.contains(Flags.Flag.SEEN) ? CachedHeader.Flag.SEEN.bit() : 0)
                        | (flags.contains(Flags.Flag.ANSWERED) ? CachedHeader.Flag.ANSWERED.bit() : 0)
                        | (flags.contains(Flags.Flag.FLAGGED) ? CachedHeader.Flag.FLAGGED.bit() : 0)
                        | (flags.contains(Flags.Flag.DELETED) ? CachedHeader.Flag.DELETED.bit() : 0)
                        | (flags.contains(Flags.Flag.DRAFT) ? CachedHeader.Flag.DRAFT.bit() : 0);
                listing.put(f.getUID(m), bits);
            }
            return listing;
        } finally {
            f.close(false);
        }
    }

    private void assertMatchesServer(MemoryFolderCache cache) throws Exception {
        Map<Long, Integer> cached = cache.rows().stream().collect(Collectors.toMap(CachedHeader::uid, CachedHeader::flags,
                (a, b) -> a, TreeMap::new));
        assertEquals(serverListing(), cached, "the cache holds exactly the server's UIDs with their flags");
    }

    /** From the other connection: flags on some, new messages, and expunges. */
    private void changeOnServer(int[] flagged, int[] expunged, int newMessages) throws Exception {
        IMAPFolder f = (IMAPFolder) other.getFolder(testFolder);
        f.open(Folder.READ_WRITE);
        for (int uid : flagged) {
            f.getMessageByUID(uid).setFlags(new Flags(Flags.Flag.FLAGGED), true);
        }
        for (int uid : expunged) {
            f.getMessageByUID(uid).setFlag(Flags.Flag.DELETED, true);
        }
        f.close(true);
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < newMessages; i++) {
            messages.add(plain(1000 + i));
        }
        append(messages);
    }

    @Test
    void coldSyncFillsTheCacheNewestFirstAndDecodesEncodedHeaders() throws Exception {
        seed(240);
        byte[] gbk = "朱镕基的信".getBytes(Charset.forName("GBK"));
        MimeMessage chinese = plain(241);
        chinese.setSubject("你好，世界：同步测试", "UTF-8");
        chinese.setFrom(new InternetAddress("bob@padlock.test", "鲍勃", "UTF-8"));
        MimeMessage gb2312 = plain(242);
        // Labelled GB2312 but with a character only GBK has, as mail from China often is.
        gb2312.setHeader("Subject", "=?gb2312?B?" + Base64.getEncoder().encodeToString(gbk) + "?=");
        MimeMessage latin = plain(243);
        latin.setHeader("Subject", "=?ISO-8859-1?Q?Caf=E9_cr=E8me?=");
        MimeMessage eightBit = raw("From: =?UTF-8?B?5byg5LiJ?= <zhang@padlock.test>\nTo: alice@padlock.test\n"
                + "Subject: 原始的 UTF-8 主题\nMessage-ID: <raw@padlock.test>\n\nbody\n");
        MimeMessage mixed = plain(245);
        MimeMultipart parts = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attached");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[2000], "application/octet-stream")));
        file.setFileName("data.bin");
        parts.addBodyPart(text);
        parts.addBodyPart(file);
        mixed.setContent(parts);
        mixed.saveChanges();
        append(List.of(chinese, gb2312, latin, eightBit, mixed));

        MemoryFolderCache cache = new MemoryFolderCache(testFolder);
        List<long[]> progress = new ArrayList<>();
        SyncResult result;
        try (SyncConnection sync = open(SyncOptions.defaults())) {
            result = sync.sync(cache, (done, total) -> progress.add(new long[] {done, total}));
        }
        assertEquals(SyncPath.COLD, result.path());
        assertEquals(245, result.added());
        assertEquals(245, cache.size());
        assertEquals(100, cache.batches.get(0), "a small first batch for the first screen");
        assertEquals(LongStreamRange.of(146, 245), cache.batchUids.get(0).stream().sorted().toList(), "newest first");
        assertEquals(100, progress.get(0)[0]);
        assertEquals(245, progress.get(0)[1]);
        assertEquals(245, progress.get(progress.size() - 1)[0]);
        assertMatchesServer(cache);

        assertEquals("你好，世界：同步测试", cache.row(241).subject());
        assertEquals("鲍勃 <bob@padlock.test>", cache.row(241).from());
        assertEquals("朱镕基的信", cache.row(242).subject());
        assertEquals("Café crème", cache.row(243).subject());
        assertEquals("原始的 UTF-8 主题", cache.row(244).subject());
        assertEquals("张三 <zhang@padlock.test>", cache.row(244).from());
        assertEquals("<raw@padlock.test>", cache.row(244).messageId());
        assertTrue(cache.row(245).attachments());
        assertFalse(cache.row(1).attachments());
        assertEquals("Message number 7", cache.row(7).subject());
        assertEquals("Bob 7 <bob@padlock.test>", cache.row(7).from());
        assertEquals("alice@padlock.test, carol@padlock.test", cache.row(7).to());
        assertEquals(1_700_000_000L + 7 * 60, cache.row(7).sentDate());
        assertTrue(cache.row(7).size() > 300 && cache.row(7).internalDate() > 0 && cache.row(7).modSeq() > 0);
        assertEquals(246, cache.state().orElseThrow().uidNext());
        assertTrue(reports.stream().allMatch(r -> r.outcome() == Outcome.SECURE), "the sync connection went through our TLS checks");
        assertFalse(reports.isEmpty());
    }

    /** Ascending longs, for readable assertions. */
    private static final class LongStreamRange {
        static List<Long> of(long from, long to) {
            return IntStream.rangeClosed((int) from, (int) to).mapToObj(i -> (long) i).toList();
        }
    }

    @Test
    void aWarmSyncWithNothingChangedTakesQresyncAndAFewHundredBytes() throws Exception {
        seed(300);
        MemoryFolderCache cache = new MemoryFolderCache(testFolder);
        try (SyncConnection sync = open(SyncOptions.defaults())) {
            sync.sync(cache, SyncProgress.NONE);
            SyncResult again = sync.sync(cache, SyncProgress.NONE);
            assertEquals(SyncPath.QRESYNC, again.path());
            assertEquals(0, again.added() + again.changed() + again.removed());
            assertFalse(again.reconciled());
            System.out.printf("warm, same connection, nothing changed: %d bytes read, %d written, %d ms%n",
                    again.bytesRead(), again.bytesWritten(), again.duration().toMillis());
            assertTrue(again.bytesRead() + again.bytesWritten() < 600, "a no-change resync costs a few hundred bytes");
        }
        try (SyncConnection reopened = open(SyncOptions.defaults())) {
            long loginRead = reopened.wire().read();
            long loginWritten = reopened.wire().written();
            SyncResult warm = reopened.sync(cache, SyncProgress.NONE);
            assertEquals(SyncPath.QRESYNC, warm.path());
            assertEquals(0, warm.added() + warm.changed() + warm.removed());
            System.out.printf("warm reopen (new connection), nothing changed: sync %d bytes read, %d written, %d ms;"
                    + " login before it %d read, %d written; compressed=%s%n", warm.bytesRead(), warm.bytesWritten(),
                    warm.duration().toMillis(), loginRead, loginWritten, reopened.compressed());
            assertTrue(warm.bytesRead() + warm.bytesWritten() < 800);
        }
        assertEquals(300, cache.size());
    }

    @ParameterizedTest
    @EnumSource(value = SyncPath.class, names = {"QRESYNC", "CONDSTORE", "FULL"})
    void flagChangesNewMessagesAndExpungesFromAnotherClientReachTheCache(SyncPath path) throws Exception {
        seed(200);
        SyncOptions options = switch (path) {
            case QRESYNC -> SyncOptions.defaults();
            case CONDSTORE -> SyncOptions.defaults().withExtensions(false, true);
            default -> SyncOptions.defaults().withExtensions(false, false);
        };
        MemoryFolderCache cache = new MemoryFolderCache(testFolder);
        try (SyncConnection sync = open(options)) {
            assertEquals(SyncPath.COLD, sync.sync(cache, SyncProgress.NONE).path());
            changeOnServer(new int[] {3, 50, 199, 200}, new int[] {1, 2, 100, 150, 198}, 7);
            SyncResult warm = sync.sync(cache, SyncProgress.NONE);
            assertEquals(path, warm.path());
            assertEquals(7, warm.added());
            assertEquals(5, warm.removed());
            assertEquals(path == SyncPath.FULL ? 195 : 4, warm.changed());
            assertTrue(cache.row(50).flags() == CachedHeader.Flag.FLAGGED.bit());
            assertMatchesServer(cache);
            assertEquals(208, cache.state().orElseThrow().uidNext());
            System.out.printf("%s warm after 4 flag changes, 5 expunges, 7 new: %d bytes read, %d written, %d ms%n",
                    path, warm.bytesRead(), warm.bytesWritten(), warm.duration().toMillis());

            SyncResult quiet = sync.sync(cache, SyncProgress.NONE);
            assertEquals(path, quiet.path());
            assertEquals(0, quiet.added() + quiet.removed());
            assertMatchesServer(cache);
        }
    }

    @Test
    void aRecreatedFolderWithANewUidValidityResetsTheCache() throws Exception {
        seed(20);
        MemoryFolderCache cache = new MemoryFolderCache(testFolder);
        try (SyncConnection sync = open(SyncOptions.defaults())) {
            sync.sync(cache, SyncProgress.NONE);
        }
        long before = cache.state().orElseThrow().uidValidity();
        Folder f = other.getFolder(testFolder);
        assertTrue(f.delete(true));
        Thread.sleep(1100); // Dovecot derives UIDVALIDITY from the clock in seconds
        assertTrue(f.create(Folder.HOLDS_MESSAGES));
        seed(3);
        try (SyncConnection sync = open(SyncOptions.defaults())) {
            SyncResult result = sync.sync(cache, SyncProgress.NONE);
            assertEquals(SyncPath.COLD, result.path());
            assertEquals(1, cache.resets);
            assertTrue(cache.state().orElseThrow().uidValidity() != before);
            assertEquals(3, cache.size());
            assertEquals(List.of(1L, 2L, 3L), cache.rows().stream().map(CachedHeader::uid).toList());
            assertMatchesServer(cache);
        }
    }

    @Test
    void aDroppedConnectionSavesNoStateAndTheNextSyncEndsRight() throws Exception {
        seed(400);
        MemoryFolderCache cache = new MemoryFolderCache(testFolder);
        SyncOptions options = SyncOptions.defaults().withChunks(100, 100);
        try (SyncConnection sync = open(options)) {
            SyncException e = assertThrows(SyncException.class, () -> sync.sync(cache, (done, total) -> {
                if (done == 100) {
                    try {
                        RealMailServers.kick(RealMailServers.ALICE);
                        Thread.sleep(300);
                    } catch (Exception kick) {
                        throw new IllegalStateException(kick);
                    }
                }
            }));
            assertEquals(SyncException.Kind.CONNECTION_LOST, e.kind(), e.getMessage());
            assertFalse(sync.isOpen());
        }
        assertTrue(cache.state().isEmpty(), "a broken sync saves no state");
        // The first batch, and whole later batches whose answers were read before the kick: the next two were
        // asked for before the first was written (two FETCHes in flight), so the server may have sent them all.
        assertTrue(cache.size() % 100 == 0 && cache.size() >= 100 && cache.size() <= 300,
                "rows kept from the broken sync: " + cache.size());
        // While the app is offline, one of the rows it already has is expunged elsewhere.
        other.close();
        other = otherConnection();
        changeOnServer(new int[0], new int[] {400}, 0);
        try (SyncConnection again = open(options)) {
            SyncResult result = again.sync(cache, SyncProgress.NONE);
            assertEquals(SyncPath.COLD, result.path());
            assertEquals(1, result.removed(), "the row left from the broken sync that the server no longer has");
            assertEquals(399, cache.size());
            assertMatchesServer(cache);
        }
    }

    @Test
    void compressionShrinksAColdSyncAndKeepsTheSecuredPath() throws Exception {
        seed(600);
        long[] bytes = new long[2];
        for (boolean compress : new boolean[] {false, true}) {
            MemoryFolderCache cache = new MemoryFolderCache(testFolder);
            reports.clear();
            try (SyncConnection sync = open(SyncOptions.defaults().withCompress(compress))) {
                assertEquals(compress, sync.compressed());
                SyncResult result = sync.sync(cache, SyncProgress.NONE);
                assertEquals(600, cache.size());
                assertMatchesServer(cache);
                bytes[compress ? 1 : 0] = result.bytesRead();
                SyncResult warm = sync.sync(cache, SyncProgress.NONE);
                System.out.printf("compress=%s: cold %d bytes read (%d ms), warm no-change %d read + %d written%n", compress,
                        result.bytesRead(), result.duration().toMillis(), warm.bytesRead(), warm.bytesWritten());
            }
            assertEquals(1, reports.size());
            assertEquals(Outcome.SECURE, reports.get(0).outcome());
        }
        System.out.printf("COMPRESS=DEFLATE: cold sync read %d bytes instead of %d (%.0f %%)%n", bytes[1], bytes[0],
                100.0 * bytes[1] / bytes[0]);
        assertTrue(bytes[1] < bytes[0] / 2, "compressed headers take less than half the bytes");
    }

    /** Varied messages, so that compression and decoding are measured on something like real mail. */
    private void seedVaried(int count) throws Exception {
        java.util.Random random = new java.util.Random(5);
        String[] words = ("meeting report budget 会议 报告 预算 invoice travel review draft release 项目 计划 update "
                + "lunch security patch build server client quarterly 季度 总结").split(" ");
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            StringBuilder subject = new StringBuilder();
            for (int w = 0; w < 3 + random.nextInt(6); w++) {
                subject.append(words[random.nextInt(words.length)]).append(' ');
            }
            String sender = Long.toString(random.nextLong() & 0xFFFFFFL, 36);
            m.setFrom(new InternetAddress(sender + "@example" + random.nextInt(50) + ".test", "Person " + sender, "UTF-8"));
            m.setRecipients(Message.RecipientType.TO, "alice@padlock.test");
            m.setSubject(subject.toString().trim() + " #" + i, "UTF-8");
            m.setHeader("In-Reply-To", "<" + Long.toHexString(random.nextLong()) + "@example.test>");
            m.setText("Body " + i + " " + Long.toHexString(random.nextLong()));
            messages.add(m);
        }
        append(messages);
    }

    @Test
    void measuresAColdSyncOfThreeThousandMessages() throws Exception {
        seedVaried(3000);
        SyncOptions bare = SyncOptions.defaults().withContentType(false).withCompress(false);
        SyncOptions contentType = SyncOptions.defaults().withCompress(false);
        // Alternating, and each twice, so neither the server's caches nor the JIT favour one of them.
        for (SyncOptions options : List.of(bare, contentType, bare, contentType, SyncOptions.defaults(), SyncOptions.defaults())) {
            MemoryFolderCache cache = new MemoryFolderCache(testFolder);
            long[] firstBatch = {0};
            long start = System.nanoTime();
            try (SyncConnection sync = open(options)) {
                long opened = System.nanoTime();
                SyncResult cold = sync.sync(cache, (done, total) -> {
                    if (firstBatch[0] == 0) {
                        firstBatch[0] = System.nanoTime();
                    }
                });
                SyncResult warm = sync.sync(cache, SyncProgress.NONE);
                System.out.printf("cold 3000 (contentType=%s, compress=%s): connect+login %d ms, first %d rows after %d ms,"
                        + " all in %d ms = %.0f rows/s, %d bytes read, %d written; warm no-change %d ms, %d+%d bytes%n",
                        options.contentType(), options.compress(), (opened - start) / 1_000_000, cache.batches.get(0),
                        (firstBatch[0] - opened) / 1_000_000, cold.duration().toMillis(),
                        3000 / (cold.duration().toNanos() / 1e9), cold.bytesRead(), cold.bytesWritten(),
                        warm.duration().toMillis(), warm.bytesRead(), warm.bytesWritten());
                assertEquals(3000, cold.added());
                assertEquals(SyncPath.QRESYNC, warm.path());
            }
            assertMatchesServer(cache);
        }
    }
}
