package org.padlockmail.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.padlockmail.config.Json;

/**
 * Messages on their way out, kept on disk until the server has accepted them (SECURITY.md's "nothing
 * lost"). A message is written and synced before the first byte goes to the server; its state is synced
 * before and right after the transfer, so after a crash a message whose DATA the server accepted is
 * finished without being sent again, and one that was interrupted is sent again. (The only window left is
 * between the server's "250" and that sync, milliseconds; SMTP itself cannot close it.)
 *
 * <p>Not thread-safe: one account's worker thread flushes its outbox.
 */
public final class Outbox {

    public enum Status { PENDING, SENDING, ACCEPTED, FAILED, NEEDS_USER }

    /**
     * One queued message's state; the message itself is in {@code <id>.eml} beside it. Always written
     * whole, so an entry missing a field is damaged, not an old format.
     */
    @Json.Complete
    public record Entry(String id, Status status, int attempts, Instant queued, Instant nextAttempt, String lastError) {
        Entry with(Status newStatus, int newAttempts, Instant next, String error) {
            return new Entry(id, newStatus, newAttempts, queued, next, error);
        }
    }

    /** Hands a message to the server. */
    @FunctionalInterface
    public interface Sender {
        void send(MimeMessage message) throws SendFailure;
    }

    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final Path directory;
    private final Clock clock;

    public Outbox(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Stores a message durably; from here on it survives a crash. */
    public String enqueue(MimeMessage message) throws IOException, MessagingException {
        Files.createDirectories(directory);
        String id = clock.instant().toEpochMilli() + "-" + UUID.randomUUID();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        writeDurably(directory.resolve(id + ".eml"), bytes.toByteArray());
        save(new Entry(id, Status.PENDING, 0, clock.instant(), clock.instant(), null));
        return id;
    }

    public List<Entry> entries() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                entries.add(read(file));
            }
        }
        entries.sort(Comparator.comparing(Entry::queued).thenComparing(Entry::id));
        return entries;
    }

    /**
     * Sends every message that is due, oldest first, and returns the entries still queued afterwards.
     *
     * @param afterAccepted runs once the server accepted a message (e.g. to store it in Sent); its failure
     *                      does not send the message again
     */
    public List<Entry> flush(Sender sender, Consumer<MimeMessage> afterAccepted) throws IOException {
        Instant now = clock.instant();
        for (Entry entry : entries()) {
            switch (entry.status()) {
                case ACCEPTED -> finish(entry, afterAccepted); // the server has it: never send it twice
                case PENDING, SENDING -> {
                    if (!entry.nextAttempt().isAfter(now)) {
                        attempt(entry, sender, afterAccepted);
                    }
                }
                case FAILED, NEEDS_USER -> { }
            }
        }
        return entries();
    }

    /** The user asked to try a failed or blocked message again. */
    public void retryNow(String id) throws IOException {
        Entry entry = load(id);
        save(entry.with(Status.PENDING, entry.attempts(), clock.instant(), entry.lastError()));
    }

    public void discard(String id) throws IOException {
        Files.deleteIfExists(directory.resolve(id + ".json"));
        Files.deleteIfExists(directory.resolve(id + ".eml"));
        syncDirectory();
    }

    public MimeMessage message(String id) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(directory.resolve(id + ".eml"))) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private void attempt(Entry entry, Sender sender, Consumer<MimeMessage> afterAccepted) throws IOException {
        MimeMessage message;
        try {
            message = message(entry.id());
        } catch (MessagingException e) {
            save(entry.with(Status.FAILED, entry.attempts(), entry.nextAttempt(), "The stored message cannot be read: " + e.getMessage()));
            return;
        }
        int attempts = entry.attempts() + 1;
        save(entry.with(Status.SENDING, attempts, entry.nextAttempt(), entry.lastError()));
        try {
            sender.send(message);
        } catch (SendFailure failure) {
            Status status = switch (failure.kind()) {
                case RETRY -> Status.PENDING;
                case PERMANENT -> Status.FAILED;
                case NEEDS_USER -> Status.NEEDS_USER;
            };
            save(entry.with(status, attempts, clock.instant().plus(backoff(attempts)), failure.getMessage()));
            return;
        }
        Entry accepted = entry.with(Status.ACCEPTED, attempts, entry.nextAttempt(), null);
        save(accepted);
        finish(accepted, afterAccepted);
    }

    private void finish(Entry entry, Consumer<MimeMessage> afterAccepted) throws IOException {
        try {
            afterAccepted.accept(message(entry.id()));
        } catch (MessagingException | RuntimeException e) {
            // Storing the copy is a courtesy; the message itself went out and must not go again.
        }
        discard(entry.id());
    }

    /** 30 s, 1 min, 2 min … at most an hour. */
    static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    private Entry load(String id) throws IOException {
        return read(directory.resolve(id + ".json"));
    }

    private static Entry read(Path file) throws IOException {
        try {
            return Json.read(Files.readAllBytes(file), Entry.class);
        } catch (Json.InvalidJsonException e) {
            throw new IOException("The outbox entry " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private void save(Entry entry) throws IOException {
        writeDurably(directory.resolve(entry.id() + ".json"), Json.compact(entry).getBytes(StandardCharsets.UTF_8));
    }

    private void writeDurably(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(directory, ".outbox-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The rename itself is only durable once the directory is synced. */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is still atomic there.
        }
    }
}
