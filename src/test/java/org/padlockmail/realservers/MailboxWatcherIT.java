package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.MailboxWatcher;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.testing.RealMailServers;

/** New mail delivered by Postfix shows up through IDLE within two seconds. */
@ExtendWith(RealMailServers.class)
class MailboxWatcherIT {

    @TempDir
    Path folder;

    @Test
    void idleReportsAMessageDeliveredByPostfixWithinTwoSeconds() throws Exception {
        Account bob = RealMailServers.account("Bob", RealMailServers.BOB, RealMailServers.IMAP_STARTTLS, SecurityMode.STARTTLS,
                RealMailServers.SUBMISSION, SecurityMode.STARTTLS);
        SecureConnector connector = RealMailServers.trustingConnector(folder.resolve("pins.json"));
        BlockingQueue<ConnectionReport> connections = new LinkedBlockingQueue<>();
        BlockingQueue<List<MessageRow>> arrivals = new LinkedBlockingQueue<>();
        BlockingQueue<List<MessageRow>> changes = new LinkedBlockingQueue<>();
        BlockingQueue<String> offline = new LinkedBlockingQueue<>();
        AccountEvents events = new AccountEvents() {
            @Override
            public void connected(ConnectionReport report) {
                connections.add(report);
            }

            @Override
            public void newMessages(String folderName, List<MessageRow> rows) {
                arrivals.add(rows);
            }

            @Override
            public void messagesChanged(String folderName, List<MessageRow> rows) {
                changes.add(rows);
            }

            @Override
            public void offline(org.padlockmail.security.Service service, String reason) {
                offline.add(reason);
            }
        };
        try (MailboxWatcher watcher = new MailboxWatcher(bob, RealMailServers.bobPassword(), connector, "INBOX", events).start()) {
            ConnectionReport report = connections.poll(15, TimeUnit.SECONDS);
            assertNotNull(report, "the watcher did not connect");
            assertEquals(Outcome.SECURE, report.outcome());
            Thread.sleep(500); // let it reach IDLE

            String subject = "idle " + UUID.randomUUID();
            deliver(subject);
            long accepted = System.nanoTime();
            List<MessageRow> rows = arrivals.poll(2, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - accepted) / 1_000_000;
            assertNotNull(rows, "no new-mail event within 2 s of Postfix accepting the message");
            assertTrue(rows.stream().anyMatch(r -> subject.equals(r.subject())), rows.toString());
            System.out.println("IDLE reported the new message " + millis + " ms after Postfix accepted it");

            // Another client flags it: the watcher hears of it and hands over a fresh row.
            MessageRow arrived = rows.stream().filter(r -> subject.equals(r.subject())).findFirst().orElseThrow();
            try (ImapSession other = ImapSession.open(bob, RealMailServers.bobPassword(), connector, r -> { })) {
                other.setFlag("INBOX", arrived.uid(), jakarta.mail.Flags.Flag.FLAGGED, true);
            }
            List<MessageRow> changed = changes.poll(5, TimeUnit.SECONDS);
            assertNotNull(changed, "no flag-change event within 5 s");
            assertTrue(changed.stream().anyMatch(r -> r.uid() == arrived.uid() && r.flagged()), changed.toString());

            // The server drops the connection: the watcher reconnects by itself, with a new, fully checked connection.
            connections.clear();
            RealMailServers.kick(RealMailServers.BOB);
            ConnectionReport again = connections.poll(15, TimeUnit.SECONDS);
            assertNotNull(again, "the watcher did not reconnect");
            assertEquals(Outcome.SECURE, again.outcome());
            assertTrue(again.time().isAfter(report.time()));
            assertTrue(offline.poll(1, TimeUnit.SECONDS) != null, "the loss was reported");
            Thread.sleep(500);
            String after = "after reconnect " + UUID.randomUUID();
            deliver(after);
            List<MessageRow> late = arrivals.poll(5, TimeUnit.SECONDS);
            assertNotNull(late, "no new mail after the reconnect");
            assertTrue(late.stream().anyMatch(r -> after.equals(r.subject())));
        }
    }

    /** Plain SMTP into Postfix's local port, as another mail server would deliver it. */
    private static void deliver(String subject) throws Exception {
        try (Socket socket = new Socket(RealMailServers.HOST, RealMailServers.SMTP)) {
            socket.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            for (String[] step : new String[][] {{"EHLO sender.test", "250"}, {"MAIL FROM:<carol@sender.test>", "250"},
                    {"RCPT TO:<" + RealMailServers.BOB + ">", "250"}, {"DATA", "354"},
                    {"Subject: " + subject + "\r\nFrom: carol@sender.test\r\nTo: " + RealMailServers.BOB + "\r\n\r\nhello\r\n.", "250"},
                    {"QUIT", "221"}}) {
                out.write((step[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, step[1]);
            }
        }
    }

    private static void expect(BufferedReader in, String code) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line.length() > 3 && line.charAt(3) == '-');
        assertTrue(line.startsWith(code), "expected " + code + ": " + line);
    }
}
