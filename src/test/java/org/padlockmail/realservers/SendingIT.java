package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.MimeComposer;
import org.padlockmail.mail.Outbox;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.SmtpSubmission;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.TlsClient;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;
import org.padlockmail.testing.RealMailServers;

/** Sending through the outbox and the real Postfix, delivered by Dovecot into bob's INBOX. */
@ExtendWith(RealMailServers.class)
class SendingIT {

    @TempDir
    Path folder;

    private Account alice;
    private Account bob;
    private SecureConnector trusting;
    private final List<ConnectionReport> reports = new ArrayList<>();
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void accounts() throws Exception {
        alice = account("Alice", RealMailServers.ALICE);
        bob = account("Bob", RealMailServers.BOB);
        trusting = connector(TrustAnchors.of(TrustAnchors.readPem(RealMailServers.caFile())));
    }

    private static Account account(String name, String address) {
        return RealMailServers.account(name, address, RealMailServers.IMAPS, SecurityMode.TLS,
                RealMailServers.SUBMISSION, SecurityMode.STARTTLS);
    }

    private SecureConnector connector(TrustAnchors anchors) {
        return new SecureConnector(new TlsClient(new TrustEvaluator(anchors, new PinStore(folder.resolve("pins.json")),
                alice.tlsPolicy()), Clock.systemUTC()), Duration.ofSeconds(12));
    }

    private Outbox.Sender aliceSender(SecureConnector connector) {
        SmtpSubmission submission = new SmtpSubmission(connector, reports::add);
        return message -> submission.send(alice, RealMailServers.alicePassword(), message);
    }

    /** Bob's INBOX rows with this subject, waiting up to 15 s for Postfix and Dovecot to deliver at least {@code atLeast}. */
    private List<MessageRow> bobsCopies(String subject, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<MessageRow> found;
        do {
            try (ImapSession session = ImapSession.open(bob, RealMailServers.bobPassword(), trusting, r -> { })) {
                found = session.newest("INBOX", 200).stream().filter(r -> subject.equals(r.subject())).toList();
            }
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Test
    void aliceSendsBobAChineseHtmlMessageWithABinaryAttachment() throws Exception {
        byte[] data = new byte[120_000];
        new Random(11).nextBytes(data);
        Path file = Files.write(folder.resolve("报告.pdf"), data);
        String subject = "周报 " + UUID.randomUUID();
        MessageDraft draft = new MessageDraft(List.of("Bob <" + RealMailServers.BOB + ">"), List.of(), List.of(RealMailServers.ALICE), subject,
                "你好，鲍勃！", "<p>你好，<b>鲍勃</b>！</p>", List.of(file), null, List.of());
        MimeMessage message = new MimeComposer(Clock.systemUTC()).compose(alice, draft);

        Outbox outbox = new Outbox(folder.resolve("outbox"), clock);
        outbox.enqueue(message);
        List<String> storedInSent = new ArrayList<>();
        assertEquals(List.of(), outbox.flush(aliceSender(trusting), sent -> {
            try (ImapSession session = ImapSession.open(alice, RealMailServers.alicePassword(), trusting, r -> { })) {
                session.append("Sent", sent, true);
                storedInSent.add(subject);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        assertEquals(List.of(subject), storedInSent);

        List<MessageRow> copies = bobsCopies(subject, 1);
        assertEquals(1, copies.size());
        assertEquals("Alice <" + RealMailServers.ALICE + ">", copies.get(0).from());
        try (ImapSession session = ImapSession.open(bob, RealMailServers.bobPassword(), trusting, r -> { })) {
            MessageContent content = session.read("INBOX", copies.get(0).uid());
            assertEquals("你好，鲍勃！", content.text());
            assertEquals("<p>你好，<b>鲍勃</b>！</p>", content.html());
            assertEquals("报告.pdf", content.attachments().get(0).fileName());
            Path saved = folder.resolve("saved.pdf");
            session.saveAttachment("INBOX", copies.get(0).uid(), 0, saved);
            assertArrayEquals(data, Files.readAllBytes(saved));
            assertTrue(content.messageId().endsWith("@padlock.test>"), "no local host name in the Message-ID: " + content.messageId());
            java.io.ByteArrayOutputStream source = new java.io.ByteArrayOutputStream();
            session.writeSource("INBOX", copies.get(0).uid(), source);
            assertFalse(source.toString(StandardCharsets.ISO_8859_1).toLowerCase().contains("\nbcc:"), "Bcc leaked to bob");
        }
        try (ImapSession session = ImapSession.open(alice, RealMailServers.alicePassword(), trusting, r -> { })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean blindCopy = false;
            while (!blindCopy && System.nanoTime() < deadline) {
                blindCopy = session.newest("INBOX", 100).stream().anyMatch(r -> subject.equals(r.subject()));
                Thread.sleep(200);
            }
            assertTrue(blindCopy, "the Bcc recipient got no copy");
        }
        assertTrue(reports.stream().allMatch(r -> r.endpoint().port() == RealMailServers.SUBMISSION && r.tls() != null));
    }

    @Test
    void theOutboxKeepsAMessageWhilePostfixIsDownAndSendsItExactlyOnce() throws Exception {
        String subject = "outbox " + UUID.randomUUID();
        Outbox outbox = new Outbox(folder.resolve("outbox"), clock);
        outbox.enqueue(new MimeComposer(clock).compose(alice, MessageDraft.of(List.of(RealMailServers.BOB), subject, "once")));
        RealMailServers.stopPostfix();
        try {
            List<Outbox.Entry> waiting = outbox.flush(aliceSender(trusting), m -> { });
            assertEquals(1, waiting.size());
            assertEquals(Outbox.Status.PENDING, waiting.get(0).status());
            assertEquals(1, waiting.get(0).attempts());
            assertTrue(waiting.get(0).lastError().contains("Could not connect"), waiting.get(0).lastError());
            assertEquals(waiting, outbox.flush(aliceSender(trusting), m -> { }), "not due yet: no new attempt");
        } finally {
            RealMailServers.startPostfix();
        }
        // A new Outbox object: what is on disk is what counts, as after a restart.
        Outbox afterRestart = new Outbox(folder.resolve("outbox"), clock);
        clock.advance(Outbox.class, Duration.ofMinutes(1));
        assertEquals(List.of(), afterRestart.flush(aliceSender(trusting), m -> { }));
        assertEquals(List.of(), afterRestart.flush(aliceSender(trusting), m -> { }));
        assertEquals(1, bobsCopies(subject, 1).size());
        Thread.sleep(1500); // a duplicate would have arrived by now
        assertEquals(1, bobsCopies(subject, 1).size(), "sent exactly once");
    }

    @Test
    void aRejectedRecipientFailsForGoodWithTheServersReason() throws Exception {
        Outbox outbox = new Outbox(folder.resolve("outbox"), clock);
        outbox.enqueue(new MimeComposer(clock).compose(alice,
                MessageDraft.of(List.of("nobody@padlock.test"), "to nobody", "bounce")));
        Outbox.Entry failed = outbox.flush(aliceSender(trusting), m -> { }).get(0);
        assertEquals(Outbox.Status.FAILED, failed.status());
        assertTrue(failed.lastError().contains("550") || failed.lastError().toLowerCase().contains("unknown"), failed.lastError());
    }

    @Test
    void aCertificateProblemStopsTheSendAndKeepsTheMessage() throws Exception {
        String subject = "untrusted " + UUID.randomUUID();
        Outbox outbox = new Outbox(folder.resolve("outbox"), clock);
        String id = outbox.enqueue(new MimeComposer(clock).compose(alice, MessageDraft.of(List.of(RealMailServers.BOB), subject, "x")));
        Outbox.Entry blocked = outbox.flush(aliceSender(connector(TrustAnchors.of(List.of()))), m -> { }).get(0);
        assertEquals(Outbox.Status.NEEDS_USER, blocked.status());
        assertTrue(blocked.lastError().contains("not trusted"), blocked.lastError());
        assertEquals(subject, outbox.message(id).getSubject());
        clock.advance(Outbox.class, Duration.ofHours(2));
        assertEquals(Outbox.Status.NEEDS_USER, outbox.flush(aliceSender(trusting), m -> { }).get(0).status(),
                "a blocked message waits for the user, however much time passes");
        assertEquals(0, bobsCopies(subject, 0).size());
    }

    /** A clock the test moves forward, so retries become due without waiting. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Class<?> why, Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
