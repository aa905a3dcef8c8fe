package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.MailAccount;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.mail.cache.MessageOrder;
import org.padlockmail.mail.sync.ServerHits;
import org.padlockmail.mail.sync.SyncPath;
import org.padlockmail.mail.sync.SyncResult;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.testing.MemoryPasswords;
import org.padlockmail.testing.RealMailServers;

/**
 * The account's cache against the real Dovecot: a folder synced on the sync connection, one message read;
 * then a restart with the server unreachable shows the rows and that message from the cache, a flag
 * changed offline waits in the queue, and the next start with the server back makes it on the server.
 */
@ExtendWith(RealMailServers.class)
class OfflineCacheIT {

    @TempDir
    Path data;

    private final MemoryPasswords passwords = new MemoryPasswords();
    private SecureConnector connector;

    @BeforeEach
    void trustTheTestCa() throws Exception {
        connector = RealMailServers.trustingConnector(data.resolve("pins.json"));
    }

    /** Alice's account on the real Dovecot, keeping {@code offlineDays} of mail offline; her password stored. */
    private Account alice(int offlineDays) {
        Account alice = RealMailServers.account("Alice", RealMailServers.ALICE, RealMailServers.IMAPS, SecurityMode.TLS,
                RealMailServers.SUBMISSIONS, SecurityMode.TLS).withOfflineDays(offlineDays);
        passwords.save(alice.id(), RealMailServers.alicePassword());
        return alice;
    }

    /** The same account with its IMAP server where nothing listens. */
    private static Account unreachable(Account online) throws Exception {
        return new Account(online.id(), online.displayName(), online.address(), online.userName(),
                new ServerSettings(RealMailServers.HOST, closedPort(), SecurityMode.TLS, false), online.smtp(),
                online.minimumTlsVersion(), online.cipherSuites(), online.offlineDays());
    }

    @Test
    void aFolderSyncedOnceIsReadOfflineAndAnOfflineFlagReachesTheServerLater() throws Exception {
        Account online = alice(Account.DEFAULT_OFFLINE_DAYS);
        String folder = "CacheIT-" + UUID.randomUUID().toString().substring(0, 8);
        try (ImapSession server = ImapSession.open(online, RealMailServers.alicePassword(), connector, r -> { })) {
            server.createFolder(folder);
            for (int i = 1; i <= 3; i++) {
                server.append(folder, message("cached " + i, "Body " + i + " 离线也能读"), false);
            }
        }

        Recorder first = new Recorder();
        MailAccount account = new MailAccount(online, passwords, connector, data, first, Clock.systemUTC());
        SyncResult synced = account.sync(folder).get(30, TimeUnit.SECONDS);
        assertEquals(SyncPath.COLD, synced.path());
        assertEquals(3, synced.added());
        assertTrue(first.rowsChanged.contains(folder), "the list was told after the first batch");
        assertEquals(List.of(synced), first.finished);
        assertFalse(first.reports.isEmpty(), "the sync connection reported to the locks");
        List<MessageRow> rows = account.cachedRows(folder, 0, 10);
        assertEquals(List.of("cached 3", "cached 2", "cached 1"), rows.stream().map(MessageRow::subject).toList(), "newest first");
        long read = rows.get(0).uid();
        long toFlag = rows.get(1).uid();
        assertEquals("cached 3", account.read(folder, read).get(30, TimeUnit.SECONDS).subject());
        account.close();

        Account unreachable = unreachable(online);
        Recorder offline = new Recorder();
        MailAccount restarted = new MailAccount(unreachable, passwords, connector, data, offline, Clock.systemUTC());
        assertEquals(3, restarted.cachedCount(folder));
        MessageContent cached = restarted.read(folder, read).get(30, TimeUnit.SECONDS);
        assertEquals("cached 3", cached.subject());
        assertTrue(cached.text().contains("离线也能读"), cached.text());
        assertThrows(ExecutionException.class, () -> restarted.sync(folder).get(30, TimeUnit.SECONDS));
        assertEquals(1, offline.syncFailures.size(), "the failed sync is reported");
        assertFalse(offline.syncFailures.get(0).contains("Exception"), "in words: " + offline.syncFailures.get(0));
        ExecutionException kept = assertThrows(ExecutionException.class,
                () -> restarted.setFlag(folder, toFlag, Flags.Flag.FLAGGED, true).get(30, TimeUnit.SECONDS));
        assertTrue(kept.getCause().getMessage().contains("kept"), kept.getCause().getMessage());
        assertTrue(restarted.cachedRows(folder, 0, 10).get(1).flagged(), "the list shows the flag at once");
        restarted.close();
        try (ImapSession server = ImapSession.open(online, RealMailServers.alicePassword(), connector, r -> { })) {
            assertFalse(flagged(server, folder, toFlag), "the server has not seen the offline change yet");
        }

        MailAccount reconnected = new MailAccount(online, passwords, connector, data, new Recorder(), Clock.systemUTC());
        reconnected.folders().get(30, TimeUnit.SECONDS); // the first connection replays the queue
        reconnected.sync(folder).get(30, TimeUnit.SECONDS);
        assertTrue(reconnected.cachedRows(folder, 0, 10).get(1).flagged(), "still flagged after the sync");
        reconnected.close();
        try (ImapSession server = ImapSession.open(online, RealMailServers.alicePassword(), connector, r -> { })) {
            assertTrue(flagged(server, folder, toFlag), "the offline change reached the server");
            server.deleteFolder(folder);
        }
    }

    @Test
    void recentMailIsFetchedWholeAfterTheSyncAndReadsOffline() throws Exception {
        Account online = alice(30);
        String folder = "PrefetchIT-" + UUID.randomUUID().toString().substring(0, 8);
        try (ImapSession server = ImapSession.open(online, RealMailServers.alicePassword(), connector, r -> { })) {
            server.createFolder(folder);
            server.append(folder, message("old", "An old harbour letter.", Instant.now().minus(Duration.ofDays(90))), false);
            server.append(folder, message("recent 1", "A harbour letter, 最近的一封信。"), false);
            server.append(folder, message("recent 2", "Another harbour letter."), false);
        }
        try (MailAccount account = new MailAccount(online, passwords, connector, data, new Recorder(), Clock.systemUTC())) {
            account.sync(folder).get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (account.search("harbour", folder, 100).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(List.of("recent 2", "recent 1"), subjects(account.search("harbour", folder, 100)),
                    "the month's mail is kept whole and searchable; the older letter is not fetched");
            assertEquals(List.of("recent 1"), subjects(account.search("最近的", folder, 100)));
        }
        List<MessageRow> rows;
        try (ImapSession server = ImapSession.open(online, RealMailServers.alicePassword(), connector, r -> { })) {
            rows = server.newest(folder, 10);
            assertTrue(rows.stream().noneMatch(MessageRow::seen), "fetched with BODY.PEEK: nothing marked read");
        }

        Account unreachable = unreachable(online);
        try (MailAccount offline = new MailAccount(unreachable, passwords, connector, data, new Recorder(), Clock.systemUTC())) {
            long recent = rows.stream().filter(r -> r.subject().equals("recent 1")).findFirst().orElseThrow().uid();
            long old = rows.stream().filter(r -> r.subject().equals("old")).findFirst().orElseThrow().uid();
            MessageContent kept = offline.read(folder, recent).get(30, TimeUnit.SECONDS);
            assertTrue(kept.text().contains("最近的一封信"), kept.text());
            assertThrows(ExecutionException.class, () -> offline.read(folder, old).get(30, TimeUnit.SECONDS),
                    "never read and too old to keep: it needs the server");
        }
        try (ImapSession server = ImapSession.open(online, RealMailServers.alicePassword(), connector, r -> { })) {
            server.deleteFolder(folder);
        }
    }

    @Test
    void theServerFindsTheTextOfMessagesNeverReadHere() throws Exception {
        // Nothing fetched ahead: the test is about what the cache lacks.
        Account alice = alice(0);
        String folder = "SearchIT-" + UUID.randomUUID().toString().substring(0, 8);
        try (ImapSession server = ImapSession.open(alice, RealMailServers.alicePassword(), connector, r -> { })) {
            server.createFolder(folder);
            server.append(folder, message("plan A", "The harbour budget, 季度预算审查 attached."), false);
            server.append(folder, message("plan B", "Only the harbour here."), false);
            server.append(folder, message("plan C", "Nothing to find."), false);
        }
        try (MailAccount account = new MailAccount(alice, passwords, connector, data, new Recorder(), Clock.systemUTC())) {
            account.sync(folder).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), account.search("季度预算 harbour", folder, 100), "no body was read here yet");

            ServerHits hits = account.searchServer("季度预算 harbour", folder).get(30, TimeUnit.SECONDS).orElseThrow();
            assertEquals(List.of("plan A"), subjects(account.search("季度预算 harbour", folder, 100, hits, MessageOrder.NEWEST_FIRST)));

            long planB = account.cachedRows(folder, 0, 10).get(1).uid();
            account.read(folder, planB).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("plan B"), subjects(account.search("harbour", folder, 100)), "the cache has plan B's text now");
            ServerHits both = account.searchServer("harbour", folder).get(30, TimeUnit.SECONDS).orElseThrow();
            assertEquals(List.of("plan B", "plan A"), subjects(account.search("harbour", folder, 100, both, MessageOrder.NEWEST_FIRST)),
                    "each once, newest first");
            assertEquals(List.of("plan A", "plan B"), subjects(account.search("harbour", folder, 100, both,
                    new MessageOrder(MessageOrder.Column.SUBJECT, false))), "in the list's order");
            assertEquals(List.of("plan B"), subjects(account.search("harbour", folder, 100,
                    new ServerHits(folder, both.uidValidity() + 1, both.uids()), MessageOrder.NEWEST_FIRST)), "UIDs of another UIDVALIDITY name other messages");
        }
        try (ImapSession server = ImapSession.open(alice, RealMailServers.alicePassword(), connector, r -> { })) {
            server.deleteFolder(folder);
        }
    }

    private static List<String> subjects(List<MessageRow> rows) {
        return rows.stream().map(MessageRow::subject).toList();
    }

    private static boolean flagged(ImapSession server, String folder, long uid) throws Exception {
        return server.newest(folder, 10).stream().filter(r -> r.uid() == uid).findFirst().orElseThrow().flagged();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(RealMailServers.HOST))) {
            return probe.getLocalPort(); // closed again before use: connecting there is refused
        }
    }

    private static MimeMessage message(String subject, String text) throws Exception {
        return message(subject, text, Instant.now());
    }

    /** A message the server files as received at {@code received} (APPEND's date is the message's received date). */
    private static MimeMessage message(String subject, String text, Instant received) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public java.util.Date getReceivedDate() {
                return java.util.Date.from(received);
            }
        };
        message.setFrom(new InternetAddress(RealMailServers.BOB));
        message.setRecipients(MimeMessage.RecipientType.TO, RealMailServers.ALICE);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.setSentDate(new java.util.Date());
        return message;
    }

    private static final class Recorder implements AccountEvents {
        final List<ConnectionReport> reports = new CopyOnWriteArrayList<>();
        final List<String> rowsChanged = new CopyOnWriteArrayList<>();
        final List<SyncResult> finished = new CopyOnWriteArrayList<>();
        final List<String> syncFailures = new CopyOnWriteArrayList<>();

        @Override
        public void connected(ConnectionReport report) {
            reports.add(report);
        }

        @Override
        public void cachedRowsChanged(String folder) {
            rowsChanged.add(folder);
        }

        @Override
        public void syncFinished(SyncResult result) {
            finished.add(result);
        }

        @Override
        public void syncFailed(String folder, String reason) {
            syncFailures.add(reason);
        }
    }
}
