package org.padlockmail.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Service;

/**
 * Watches one folder for new mail on a connection of its own: IDLE when the server has it, NOOP polling
 * when not. A lost connection is retried with backoff (1 s, 2 s, 4 s … 60 s); every reconnect is a new
 * connection with a new report and full trust checks, and a refusal stops the watcher until restarted.
 */
public final class MailboxWatcher implements AutoCloseable {

    private static final Duration KEEPALIVE = Duration.ofMinutes(4);
    private static final Duration POLL = Duration.ofSeconds(60);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(60);

    private final Account account;
    private final String password;
    private final SecureConnector connector;
    private final String folderName;
    private final AccountEvents events;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<IMAPStore> store = new AtomicReference<>();
    private final ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "padlock-keepalive"));
    private final Thread thread;

    public MailboxWatcher(Account account, String password, SecureConnector connector, String folderName, AccountEvents events) {
        this.account = account;
        this.password = password;
        this.connector = connector;
        this.folderName = folderName;
        this.events = events;
        this.thread = daemon(this::run, "padlock-watch-" + folderName);
    }

    public MailboxWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (running.get()) {
            try {
                watchOnce();
                backoff = Duration.ofSeconds(1);
            } catch (MailConnectionException e) {
                events.offline(Service.IMAP, e.getMessage());
                if (e.problem().refusal() != null) {
                    return; // a security refusal is not retried behind the user's back
                }
            } catch (MessagingException | RuntimeException e) {
                events.offline(Service.IMAP, "The connection to " + account.imap().host() + " was lost: " + e.getMessage());
            }
            if (!running.get()) {
                return;
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** One connection's life: connect, open the folder, then IDLE (or poll) until the connection ends. */
    private void watchOnce() throws MailConnectionException, MessagingException {
        Endpoint endpoint = account.imap().endpoint(Service.IMAP);
        // IDLE waits for minutes by design: a long read timeout, with a keepalive NOOP to notice a dead peer.
        IMAPStore imap = AngusLogin.imap(connector, endpoint, new Credentials(account.userName(), password),
                KEEPALIVE.plusMinutes(1), events::connected);
        store.set(imap);
        try {
            IMAPFolder folder = (IMAPFolder) imap.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            long[] lastUid = {folder.getUIDNext() - 1};
            AtomicBoolean arrived = new AtomicBoolean();
            Set<Message> changed = ConcurrentHashMap.newKeySet();
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    arrived.set(true);
                }
            });
            // Flag changes arrive as untagged FETCH; the listener only notes which, the loop fetches fresh rows.
            folder.addMessageChangedListener(e -> changed.add(e.getMessage()));
            boolean idle = imap.hasCapability("IDLE");
            var ping = keepalive.scheduleAtFixedRate(() -> noop(folder), KEEPALIVE.toMillis(), KEEPALIVE.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                while (running.get() && folder.isOpen()) {
                    if (idle) {
                        folder.idle(true);
                    } else {
                        sleep(POLL);
                        folder.getMessageCount(); // a NOOP that lets the server report new mail
                    }
                    if (!changed.isEmpty()) {
                        List<Message> messages = List.copyOf(changed);
                        changed.removeAll(messages);
                        List<MessageRow> rows = ImapSession.rows(folder, messages.toArray(new Message[0]));
                        if (!rows.isEmpty()) {
                            events.messagesChanged(folderName, rows);
                        }
                    }
                    if (arrived.getAndSet(false)) {
                        List<MessageRow> rows = ImapSession.rows(folder, folder.getMessagesByUID(lastUid[0] + 1, IMAPFolder.LASTUID));
                        rows.stream().mapToLong(MessageRow::uid).max().ifPresent(max -> lastUid[0] = Math.max(lastUid[0], max));
                        if (!rows.isEmpty()) {
                            events.newMessages(folderName, rows);
                        }
                    }
                }
            } finally {
                ping.cancel(false);
            }
        } finally {
            store.set(null);
            if (imap.isConnected()) {
                imap.close();
            }
        }
    }

    /** From another thread: Angus ends the IDLE, runs the NOOP, and the loop goes back to IDLE. */
    private static void noop(IMAPFolder folder) {
        try {
            folder.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException e) {
            // the watcher's own thread sees the broken connection and reconnects
        }
    }

    @Override
    public void close() {
        running.set(false);
        keepalive.shutdownNow();
        IMAPStore current = store.get();
        if (current != null) {
            try {
                current.close(); // ends a pending IDLE
            } catch (MessagingException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
