package org.padlockmail.mail;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One account as the UI sees it. Every network and disk operation runs on the account's own single
 * worker thread (never the JavaFX thread, and never two at once on one connection); results come back as
 * futures and changes as {@link AccountEvents}. The IMAP connection is opened when first needed and
 * opened again after it broke, each time with a new connection report.
 */
public final class MailAccount implements AutoCloseable {

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private final Account account;
    private final PasswordStore passwords;
    private final SecureConnector connector;
    private final AccountEvents events;
    private final Outbox outbox;
    private final MimeComposer composer;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private ImapSession session;
    private MailboxWatcher watcher;

    public MailAccount(Account account, PasswordStore passwords, SecureConnector connector, Path dataFolder,
                       AccountEvents events, Clock clock) {
        this.account = account;
        this.passwords = passwords;
        this.connector = connector;
        this.events = events;
        this.clock = clock;
        this.outbox = new Outbox(dataFolder.resolve("outbox").resolve(account.id()), clock);
        this.composer = new MimeComposer(clock);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "padlock-account-" + account.address());
            thread.setDaemon(true);
            return thread;
        });
        // Whatever a crash or a closed app left in the outbox goes out now.
        worker.execute(() -> runQuietly("send the outbox", this::flushOutbox));
    }

    public Account account() {
        return account;
    }

    public CompletableFuture<List<FolderInfo>> folders() {
        return submit("list the folders", () -> {
            List<FolderInfo> folders = imap().folders();
            events.foldersChanged(folders);
            return folders;
        });
    }

    public CompletableFuture<List<MessageRow>> newest(String folder, int count) {
        return submit("list " + folder, () -> imap().newest(folder, count));
    }

    public CompletableFuture<MessageContent> read(String folder, long uid) {
        return submit("read the message", () -> imap().read(folder, uid));
    }

    public CompletableFuture<Long> saveAttachment(String folder, long uid, int index, Path target) {
        return submit("save the attachment", () -> imap().saveAttachment(folder, uid, index, target));
    }

    public CompletableFuture<Void> setFlag(String folder, long uid, Flags.Flag flag, boolean on) {
        return submit("change the flag", () -> {
            imap().setFlag(folder, uid, flag, on);
            return null;
        });
    }

    public CompletableFuture<Long> copy(String from, long uid, String to) {
        return submit("copy the message", () -> {
            long copy = imap().copy(from, uid, to);
            events.foldersChanged(imap().folders());
            return copy;
        });
    }

    public CompletableFuture<Void> move(String from, long uid, String to) {
        return submit("move the message", () -> {
            imap().move(from, uid, to);
            events.foldersChanged(imap().folders());
            return null;
        });
    }

    public CompletableFuture<Void> delete(String folder, long uid) {
        return submit("delete the message", () -> {
            imap().delete(folder, uid);
            events.foldersChanged(imap().folders());
            return null;
        });
    }

    /** Puts the message in the outbox (on disk before anything else), then tries to send it. */
    public CompletableFuture<String> send(MessageDraft draft) {
        return submit("send the message", () -> {
            String id = outbox.enqueue(composer.compose(account, draft));
            runQuietly("send the message", this::flushOutbox); // queued safely either way; the events tell how it went
            return id;
        });
    }

    /** Starts watching a folder for new mail (IDLE), reporting through the events. */
    public CompletableFuture<Void> watch(String folder) {
        return submit("watch " + folder, () -> {
            if (watcher != null) {
                watcher.close();
            }
            watcher = new MailboxWatcher(account, password(), connector, folder, events).start();
            return null;
        });
    }

    private void flushOutbox() throws IOException {
        if (outbox.entries().isEmpty()) {
            return;
        }
        SmtpSubmission submission = new SmtpSubmission(connector, events::connected);
        String password = password();
        List<Outbox.Entry> left = outbox.flush(message -> submission.send(account, password, message), this::storeInSent);
        events.outboxChanged(left);
        left.stream().filter(e -> e.status() == Outbox.Status.PENDING).map(Outbox.Entry::nextAttempt).min(Comparable::compareTo)
                .filter(next -> !worker.isShutdown()) // closing: the outbox is on disk and goes out at the next start
                .ifPresent(next -> worker.schedule(() -> runQuietly("send the outbox", this::flushOutbox),
                        Math.max(0, Duration.between(clock.instant(), next).toMillis()), TimeUnit.MILLISECONDS));
    }

    /** A copy in Sent, as every mail client keeps; failing to store it does not unsend the message. */
    private void storeInSent(MimeMessage message) {
        runQuietly("store a copy in Sent", () -> {
            String sent = imap().folders().stream().filter(f -> f.specialUse() == FolderInfo.SpecialUse.SENT)
                    .map(FolderInfo::fullName).findFirst().orElse(null);
            if (sent != null) {
                imap().append(sent, message, true);
            }
        });
    }

    private ImapSession imap() throws MailConnectionException, IOException {
        if (session == null) {
            session = ImapSession.open(account, password(), connector, events::connected);
        }
        return session;
    }

    private String password() throws IOException {
        return passwords.password(account.id()).orElseThrow(() -> new IOException(
                "No password is stored for " + account.address() + "; enter it in the account settings."));
    }

    private <T> CompletableFuture<T> submit(String what, Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (worker.isShutdown()) {
            // A window may still ask after the account was closed (removed, or the app quitting): nothing to do.
            result.completeExceptionally(new IOException("The account " + account.address() + " is closed."));
            return result;
        }
        worker.execute(() -> {
            try {
                result.complete(work.run());
            } catch (Exception e) {
                if (e instanceof MessagingException && session != null) {
                    closeSession(); // a broken connection is replaced by a fresh one next time
                }
                events.failed(what, e.getMessage());
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void runQuietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            events.failed(what, e.getMessage());
        }
    }

    private void closeSession() {
        try {
            session.close();
        } catch (MessagingException ignored) {
            // it was broken already
        }
        session = null;
    }

    @Override
    public synchronized void close() {
        if (worker.isShutdown()) {
            return;
        }
        worker.execute(() -> {
            if (watcher != null) {
                watcher.close();
            }
            if (session != null) {
                closeSession();
            }
        });
        worker.shutdown();
    }
}
