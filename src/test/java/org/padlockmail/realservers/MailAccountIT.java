package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.mail.FilePasswordStore;
import org.padlockmail.mail.FolderInfo;
import org.padlockmail.mail.MailAccount;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.Outbox;
import org.padlockmail.mail.PasswordStore;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.SecretsFile;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.testing.RealMailServers;

/** The account API the UI builds on: futures for requests, events for everything that changes, on its own thread. */
@ExtendWith(RealMailServers.class)
class MailAccountIT {

    @TempDir
    Path folder;

    @Test
    void listSendAndHearAboutItThroughEvents() throws Exception {
        Account alice = RealMailServers.account("Alice", RealMailServers.ALICE, RealMailServers.IMAPS, SecurityMode.TLS,
                RealMailServers.SUBMISSION, SecurityMode.STARTTLS);
        PasswordStore passwords = new FilePasswordStore(new SecretsFile(folder.resolve("secrets.json"),
                new SecretsFile.Cost(1024, 1, 1)), "primary"::toCharArray);
        passwords.save(alice.id(), RealMailServers.alicePassword());
        SecureConnector connector = RealMailServers.trustingConnector(folder.resolve("pins.json"));

        List<ConnectionReport> reports = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        BlockingQueue<String> imapLogins = new LinkedBlockingQueue<>();
        BlockingQueue<List<Outbox.Entry>> outboxStates = new LinkedBlockingQueue<>();
        AccountEvents events = new AccountEvents() {
            @Override
            public void connected(ConnectionReport report) {
                reports.add(report);
                threads.add(Thread.currentThread().getName());
                if (report.endpoint().service() == Service.IMAP) {
                    imapLogins.add(Thread.currentThread().getName());
                }
            }

            @Override
            public void outboxChanged(List<Outbox.Entry> entries) {
                outboxStates.add(entries);
            }
        };
        try (MailAccount account = new MailAccount(alice, passwords, connector, folder, events, Clock.systemUTC())) {
            List<FolderInfo> folders = account.folders().get(30, TimeUnit.SECONDS);
            assertTrue(folders.stream().anyMatch(f -> f.specialUse() == FolderInfo.SpecialUse.SENT));
            // The login of the main connection opens the sync connection too, before any sync asks for it.
            assertTrue(imapLogins.poll(30, TimeUnit.SECONDS).startsWith("padlock-account-"));
            String second = imapLogins.poll(30, TimeUnit.SECONDS);
            assertNotNull(second, "the sync connection was opened ahead");
            assertTrue(second.startsWith("padlock-sync-"), second);

            String subject = "account api " + UUID.randomUUID();
            assertNotNull(account.send(MessageDraft.of(List.of(RealMailServers.BOB), subject, "hi")).get(30, TimeUnit.SECONDS));
            assertEquals(List.of(), outboxStates.poll(30, TimeUnit.SECONDS), "the outbox is empty once the server has it");

            List<MessageRow> sent = account.newest("Sent", 50).get(30, TimeUnit.SECONDS);
            assertTrue(sent.stream().anyMatch(r -> subject.equals(r.subject())), "a copy is kept in Sent");
        }
        assertTrue(reports.stream().anyMatch(r -> r.endpoint().service() == Service.IMAP));

        // A message left in the outbox (by a crash, say) goes out when the account starts, unasked.
        String leftOver = "left over " + UUID.randomUUID();
        new Outbox(folder.resolve("outbox").resolve(alice.id()), Clock.systemUTC()).enqueue(
                new org.padlockmail.mail.MimeComposer(Clock.systemUTC()).compose(alice,
                        MessageDraft.of(List.of(RealMailServers.BOB), leftOver, "resumed")));
        outboxStates.clear();
        try (MailAccount restarted = new MailAccount(alice, passwords, connector, folder, events, Clock.systemUTC())) {
            assertEquals(List.of(), outboxStates.poll(30, TimeUnit.SECONDS), "the left-over message was sent on start");
            List<MessageRow> sent = restarted.newest("Sent", 50).get(30, TimeUnit.SECONDS);
            assertTrue(sent.stream().anyMatch(r -> leftOver.equals(r.subject())));
        }
        assertTrue(reports.stream().anyMatch(r -> r.endpoint().service() == Service.SMTP));
        assertFalse(threads.isEmpty());
        assertTrue(threads.stream().allMatch(name -> name.startsWith("padlock-account-") || name.startsWith("padlock-sync-")),
                threads.toString());
    }
}
