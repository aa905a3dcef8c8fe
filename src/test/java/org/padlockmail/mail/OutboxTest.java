package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.security.SecurityMode;

/**
 * The outbox's bookkeeping around crashes, with a sender that records what it was given (the Postfix
 * tests cover real sending). A crash is the state left on disk, read by a new Outbox object.
 */
class OutboxTest {

    @TempDir
    Path folder;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> sent = new ArrayList<>();

    private MimeMessage message(String subject) throws Exception {
        Account account = Account.create("A", "a@padlock.test", "a",
                new ServerSettings("h", 993, SecurityMode.TLS, false), new ServerSettings("h", 465, SecurityMode.TLS, false));
        return new MimeComposer(clock).compose(account, MessageDraft.of(List.of("b@padlock.test"), subject, "text"));
    }

    private Outbox.Sender recording() {
        return m -> {
            try {
                sent.add(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private void crashIn(Outbox.Status status, String id) throws Exception {
        Path state = folder.resolve(id + ".json");
        JsonObject json = JsonParser.parseString(Files.readString(state)).getAsJsonObject();
        json.addProperty("status", status.name());
        Files.writeString(state, json.toString());
    }

    @Test
    void aMessageTheServerAcceptedBeforeACrashIsNeverSentAgain() throws Exception {
        String id = new Outbox(folder, clock).enqueue(message("accepted"));
        crashIn(Outbox.Status.ACCEPTED, id);
        List<String> storedInSent = new ArrayList<>();
        assertEquals(List.of(), new Outbox(folder, clock).flush(recording(), m -> storedInSent.add("copy")));
        assertEquals(List.of(), sent);
        assertEquals(List.of("copy"), storedInSent, "the Sent copy is still made");
    }

    @Test
    void aMessageInterruptedWhileSendingIsSentAgainAfterACrash() throws Exception {
        String id = new Outbox(folder, clock).enqueue(message("interrupted"));
        crashIn(Outbox.Status.SENDING, id);
        assertEquals(List.of(), new Outbox(folder, clock).flush(recording(), m -> { }));
        assertEquals(List.of("interrupted"), sent);
    }

    @Test
    void retriesBackOffAndFailuresKeepTheMessage() throws Exception {
        Outbox outbox = new Outbox(folder, clock);
        outbox.enqueue(message("later"));
        Outbox.Entry waiting = outbox.flush(m -> {
            throw new SendFailure(SendFailure.Kind.RETRY, "451 try later", null);
        }, m -> { }).get(0);
        assertEquals(Outbox.Status.PENDING, waiting.status());
        assertEquals(clock.instant().plus(Duration.ofSeconds(30)), waiting.nextAttempt());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofHours(1)),
                List.of(Outbox.backoff(1), Outbox.backoff(2), Outbox.backoff(3), Outbox.backoff(12)));

        outbox.flush(recording(), m -> { });
        assertEquals(List.of(), sent, "not due yet");

        Outbox later = new Outbox(folder, Clock.offset(clock, Duration.ofSeconds(31)));
        Outbox.Entry failed = later.flush(m -> {
            throw new SendFailure(SendFailure.Kind.PERMANENT, "550 no such user", null);
        }, m -> { }).get(0);
        assertEquals(Outbox.Status.FAILED, failed.status());
        assertEquals(2, failed.attempts());
        assertEquals("550 no such user", failed.lastError());
        later.flush(recording(), m -> { });
        assertEquals(List.of(), sent, "a failed message waits for the user");

        later.retryNow(failed.id());
        assertEquals(List.of(), later.flush(recording(), m -> { }));
        assertEquals(List.of("later"), sent);
        try (var left = Files.list(folder)) {
            assertTrue(left.findAny().isEmpty(), "nothing is left once the server has the message");
        }
    }
}
