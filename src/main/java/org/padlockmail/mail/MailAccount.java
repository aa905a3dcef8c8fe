package org.padlockmail.mail;

import jakarta.mail.Flags;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.padlockmail.mail.cache.CacheException;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FolderState;
import org.padlockmail.mail.cache.MailCache;
import org.padlockmail.mail.cache.MessageOrder;
import org.padlockmail.mail.cache.PendingChange;
import org.padlockmail.mail.sync.ServerHits;
import org.padlockmail.mail.sync.SyncConnection;
import org.padlockmail.mail.sync.SyncException;
import org.padlockmail.mail.sync.SyncOptions;
import org.padlockmail.mail.sync.SyncResult;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.Service;

/**
 * One account as the UI sees it. Every network and disk operation runs on the account's own threads
 * (never the JavaFX thread, and never two at once on one connection); results come back as futures and
 * changes as {@link AccountEvents}. The IMAP connection is opened when first needed and opened again
 * after it broke, each time with a new connection report.
 *
 * <p>Four threads, so that nothing the user waits for queues behind something long: the worker
 * (reading, flags, moves, sending, on the main IMAP connection), the sync (folder sync into the cache,
 * on a {@link SyncConnection} of its own), the server search (on another, opened when first searched)
 * and the cache thread (the user's changes applied to the cache, cached bodies). The list itself reads the cache directly ({@link #cachedRows}): the cache takes any
 * thread.
 *
 * <p>The cache ({@code <data>/cache/<account id>.sqlite}) holds nothing the server does not have: the
 * outbox and drafts live elsewhere, so deleting it loses nothing. A change of flags, a move or a delete is
 * queued in the cache first ({@link PendingChange}), which shows it in the list at once, and then made on
 * the server; without a connection it waits in the queue and is replayed when a connection opens.
 */
public final class MailAccount implements AutoCloseable {

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private static final System.Logger LOG = System.getLogger(MailAccount.class.getName());
    /** Messages fetched whole in one round of the offline prefetch, and their bytes at most (one message may be more). */
    static final int PREFETCH_MESSAGES = 50;
    static final long PREFETCH_BYTES = 4L << 20;
    /** The order of the cache's lists: internal date, then UID, descending; no date last. */
    private static final Comparator<MessageRow> NEWEST_FIRST = Comparator.comparingLong(MailAccount::date)
            .thenComparingLong(MessageRow::uid).reversed();

    private final Account account;
    private final PasswordStore passwords;
    private final SecureConnector connector;
    private final AccountEvents events;
    private final Outbox outbox;
    private final MimeComposer composer;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final ExecutorService syncWorker;
    private final ExecutorService cacheWorker;
    private final ExecutorService searchWorker;
    /** Increases with every server search asked for; one that is not the latest when its turn comes is skipped. */
    private final AtomicLong serverSearches = new AtomicLong();
    private final Path cacheFile;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Per folder, the prefetch chain allowed to go on (the latest sync's); read and written on the sync worker only. */
    private final Map<String, Integer> prefetchGeneration = new HashMap<>();
    private final MailCache cache;
    /** Syncs asked for and not started yet, by folder: asking again while one waits gives the same sync. */
    private final Map<String, CompletableFuture<SyncResult>> waitingSyncs = new HashMap<>();
    /** The folders as last listed, to find the Trash for a delete made offline. */
    private volatile List<FolderInfo> lastFolders = List.of();
    private ImapSession session;
    private MailboxWatcher watcher;
    /** Used on the sync thread only. */
    private SyncConnection syncConnection;
    /** Used on the search thread only. */
    private SyncConnection searchConnection;

    public MailAccount(Account account, PasswordStore passwords, SecureConnector connector, Path dataFolder,
                       AccountEvents events, Clock clock) {
        this.account = account;
        this.passwords = passwords;
        this.connector = connector;
        this.events = events;
        this.clock = clock;
        this.outbox = new Outbox(dataFolder.resolve("outbox").resolve(account.id()), clock);
        this.composer = new MimeComposer(clock);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "padlock-account-" + account.address()));
        this.syncWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "padlock-sync-" + account.address()));
        this.cacheWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "padlock-cache-" + account.address()));
        this.searchWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "padlock-search-" + account.address()));
        this.cacheFile = cacheFile(dataFolder, account.id());
        this.cache = openCache(cacheFile);
        // Whatever a crash or a closed app left in the outbox goes out now.
        worker.execute(() -> runQuietly("send the outbox", this::flushOutbox));
    }

    public Account account() {
        return account;
    }

    /** Where an account's cache lives. */
    public static Path cacheFile(Path dataFolder, String accountId) {
        return dataFolder.resolve("cache").resolve(accountId + ".sqlite");
    }

    /**
     * Deletes the caches of accounts not among {@code accountIds}: those of accounts removed while the
     * app was closing (the cache goes only once the account's last task ends) or removed from the
     * account file by hand. Run before the accounts open.
     */
    public static void deleteCachesExcept(Path dataFolder, Set<String> accountIds) throws IOException {
        Path folder = dataFolder.resolve("cache");
        if (!Files.isDirectory(folder)) {
            return;
        }
        Set<String> gone = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.sqlite*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.indexOf(".sqlite"));
                if (!accountIds.contains(id)) {
                    gone.add(id);
                }
            }
        }
        for (String id : gone) {
            MailCache.delete(cacheFile(dataFolder, id));
        }
    }

    public CompletableFuture<List<FolderInfo>> folders() {
        return submit("list the folders", () -> {
            List<FolderInfo> folders = imap().folders();
            lastFolders = folders;
            events.foldersChanged(folders);
            return folders;
        });
    }

    /** The folders the cache holds, with cached counts: the tree to show before (or without) a connection. */
    public List<FolderInfo> cachedFolders() {
        return cache.folders().stream().map(name -> new FolderInfo(name, name.substring(name.lastIndexOf('/') + 1),
                name.equalsIgnoreCase("INBOX") ? FolderInfo.SpecialUse.INBOX : FolderInfo.SpecialUse.NONE,
                cache.count(name), cache.unreadCount(name), true)).toList();
    }

    /** The newest {@code count} messages, listed by the server (the app's list reads the cache instead). */
    public CompletableFuture<List<MessageRow>> newest(String folder, int count) {
        return submit("list " + folder, () -> imap().newest(folder, count));
    }

    /** How many messages of the folder are cached; from any thread but the JavaFX one (it reads the disk). */
    public int cachedCount(String folder) {
        return cache.count(folder);
    }

    /** Cached rows {@code offset} to {@code offset + limit - 1}, newest first; off the JavaFX thread. */
    public List<MessageRow> cachedRows(String folder, int offset, int limit) {
        return cache.page(folder, offset, limit).stream().map(MessageRow::of).toList();
    }

    /** Cached messages of one folder whose headers or read text contain every word of {@code query}, newest first. */
    public List<MessageRow> search(String query, String folder, int limit) {
        return cache.search(query, folder, limit).stream().map(hit -> MessageRow.of(hit.header())).toList();
    }

    /**
     * What {@link #search(String, String, int)} finds, and the messages the server found for the same query
     * ({@link #searchServer}) that the cache has: the newest {@code limit}, each once, in {@code order}.
     * Rows are read from the cache again on every call, so they show the flags as they are now.
     */
    public List<MessageRow> search(String query, String folder, int limit, ServerHits server, MessageOrder order) {
        Map<Long, MessageRow> all = new HashMap<>();
        search(query, folder, limit).forEach(row -> all.put(row.uid(), row));
        if (server != null && server.folder().equals(folder)) {
            cache.headers(folder, server.uidValidity(), server.uids(), limit).forEach(h -> all.putIfAbsent(h.uid(), MessageRow.of(h)));
        }
        return all.values().stream().sorted(NEWEST_FIRST).limit(limit).sorted(comparator(order)).toList();
    }

    /** The UIDs of the folder's cached messages in {@code order}; off the JavaFX thread (it reads every row). */
    public long[] cachedUids(String folder, MessageOrder order) {
        return cache.uids(folder, order);
    }

    /** The cached rows of {@code uids[from]} to {@code uids[to - 1]}, in that order; off the JavaFX thread. */
    public List<MessageRow> cachedRows(String folder, long[] uids, int from, int to) {
        return cache.headers(folder, uids, from, to).stream().map(MessageRow::of).toList();
    }

    /** {@code order} for rows in memory, as the cache sorts them. */
    static Comparator<MessageRow> comparator(MessageOrder order) {
        Comparator<MessageRow> byColumn = switch (order.column()) {
            case DATE -> Comparator.comparingLong(MailAccount::date).thenComparingLong(MessageRow::uid);
            case SENDER -> Comparator.comparing(row -> MessageOrder.senderKey(row.from()));
            case SUBJECT -> Comparator.comparing(row -> MessageOrder.subjectKey(row.subject()));
        };
        return (order.descending() ? byColumn.reversed() : byColumn).thenComparing(NEWEST_FIRST);
    }

    private static long date(MessageRow row) {
        return row.received() == null ? Long.MIN_VALUE : row.received().getEpochSecond();
    }

    /**
     * Asks the server which messages of the folder contain every word of {@code query} in their header or
     * body text, for what {@link #search} cannot find: the text of messages never read here; give the hits
     * to {@link #search(String, String, int, ServerHits)}. A search asked for while another runs waits for
     * it; one superseded by a newer one before it started is skipped: empty.
     */
    public CompletableFuture<Optional<ServerHits>> searchServer(String query, String folder) {
        List<String> words = MailCache.searchWords(query);
        long number = serverSearches.incrementAndGet();
        CompletableFuture<Optional<ServerHits>> result = new CompletableFuture<>();
        if (words.isEmpty()) {
            result.complete(Optional.empty());
            return result;
        }
        try {
            searchWorker.execute(() -> {
                if (number != serverSearches.get()) {
                    result.complete(Optional.empty());
                    return;
                }
                try {
                    if (searchConnection == null || !searchConnection.isOpen()) {
                        closeSearchConnection();
                        searchConnection = SyncConnection.open(account, password(), connector, events::connected,
                                SyncOptions.defaults());
                    }
                    result.complete(Optional.of(searchConnection.search(folder, words)));
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(new IOException("The account " + account.address() + " is closed."));
        }
        return result;
    }

    /**
     * Brings the folder's cache up to date on the sync connection; {@link AccountEvents#cachedRowsChanged}
     * after every batch written (the first is the newest rows), then {@link AccountEvents#syncFinished} or
     * {@link AccountEvents#syncFailed}. A refused certificate or login fails the future with the
     * {@link MailConnectionException}, as on the main connection.
     */
    public CompletableFuture<SyncResult> sync(String folder) {
        CompletableFuture<SyncResult> result;
        synchronized (waitingSyncs) {
            CompletableFuture<SyncResult> waiting = waitingSyncs.get(folder);
            if (waiting != null) {
                return waiting;
            }
            result = new CompletableFuture<>();
            if (syncWorker.isShutdown()) {
                result.completeExceptionally(new IOException("The account " + account.address() + " is closed."));
                return result;
            }
            waitingSyncs.put(folder, result);
        }
        syncWorker.execute(() -> {
            synchronized (waitingSyncs) {
                waitingSyncs.remove(folder);
            }
            try {
                result.complete(syncNow(folder));
            } catch (Exception e) {
                events.syncFailed(folder, readable(e));
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The sync connection, opened again when it was closed or broke; on the sync worker only. */
    private SyncConnection syncConnection() throws Exception {
        if (syncConnection == null || !syncConnection.isOpen()) {
            closeSyncConnection();
            syncConnection = SyncConnection.open(account, password(), connector, events::connected, SyncOptions.defaults());
        }
        return syncConnection;
    }

    private SyncResult syncNow(String folder) throws Exception {
        SyncResult result;
        try {
            result = syncConnection().sync(cache.folder(folder), (done, total) -> events.cachedRowsChanged(folder));
        } catch (SyncException e) {
            if (e.kind() != SyncException.Kind.REFUSED) {
                closeSyncConnection();
            }
            throw e;
        }
        events.syncFinished(result);
        if (account.offlineDays() > 0) {
            prefetchGeneration.merge(folder, 1, Integer::sum); // a chain still running for this folder stops
            prefetch(folder, prefetchGeneration.get(folder), null);
        }
        return result;
    }

    /**
     * Fetches whole the folder's messages of the last {@link Account#offlineDays} days never read here,
     * newest first, so they read and search offline: a round of a few on the sync connection, then the
     * next round is queued behind whatever sync is waiting, so the list is never held up. A newer sync of
     * the folder starts a new chain from the newest; a failure ends the chain quietly (the next sync starts
     * again from what the cache lacks).
     */
    private void prefetch(String folder, int generation, CachedHeader after) {
        try {
            syncWorker.execute(() -> {
                if (prefetchGeneration.getOrDefault(folder, 0) == generation) {
                    prefetchRound(folder, generation, after);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the account is closing
        }
    }

    private void prefetchRound(String folder, int generation, CachedHeader after) {
        try {
            Optional<FolderState> state = cache.folder(folder).state();
            long since = clock.instant().minus(Duration.ofDays(account.offlineDays())).getEpochSecond();
            List<CachedHeader> next = state.isEmpty() ? List.of()
                    : cache.withoutBody(folder, since, MailCache.MAX_SOURCE_BYTES, after, PREFETCH_MESSAGES);
            if (next.isEmpty()) {
                return;
            }
            List<CachedHeader> round = new ArrayList<>();
            long bytes = 0;
            for (CachedHeader header : next) {
                if (!round.isEmpty() && bytes + header.size() > PREFETCH_BYTES) {
                    break;
                }
                round.add(header);
                bytes += header.size();
            }
            Map<Long, byte[]> sources = syncConnection().bodies(folder, state.get().uidValidity(),
                    round.stream().mapToLong(CachedHeader::uid).toArray());
            for (CachedHeader header : round) {
                byte[] source = sources.get(header.uid());
                if (source != null) {
                    cache.putBody(folder, header.uid(), source, searchTextOf(header.uid(), source));
                }
            }
            prefetch(folder, generation, round.get(round.size() - 1));
        } catch (Exception e) {
            if (e instanceof SyncException failure && failure.kind() != SyncException.Kind.REFUSED) {
                closeSyncConnection();
            }
            LOG.log(System.Logger.Level.INFO, "keeping recent mail of " + folder + " offline stopped: " + readable(e));
        }
    }

    /** A kept source's words for search; a message that does not parse is kept to read, without them. */
    private static String searchTextOf(long uid, byte[] source) {
        try {
            return searchText(parse(uid, source));
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The message for the reader. One read before comes from the cache, at once and without a connection;
     * otherwise its source is fetched and kept, with its text for search. A message too big to keep is
     * read part by part as before, and only its text is kept.
     */
    public CompletableFuture<MessageContent> read(String folder, long uid) {
        return CompletableFuture.supplyAsync(() -> cache.body(folder, uid), cacheWorker)
                .exceptionally(cacheFailed -> Optional.empty()) // the server still has it
                .thenCompose(cached -> cached.isPresent()
                        ? submitLocal("read the message", () -> parse(uid, cached.get()))
                        : submit("read the message", () -> readFromServer(folder, uid)));
    }

    private MessageContent readFromServer(String folder, long uid) throws Exception {
        long size = cache.header(folder, uid).map(CachedHeader::size).orElse(0L);
        if (size > MailCache.MAX_SOURCE_BYTES) {
            MessageContent content = imap().read(folder, uid);
            cache.putBody(folder, uid, null, searchText(content));
            return content;
        }
        byte[] source = imap().source(folder, uid);
        MessageContent content = parse(uid, source);
        cache.putBody(folder, uid, source, searchText(content));
        return content;
    }

    private static MessageContent parse(long uid, byte[] source) throws MessagingException, IOException {
        return MessageContents.of(uid, new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(source)));
    }

    private static final Pattern HIDDEN_HTML = Pattern.compile("(?is)<(style|script|head)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    /** The words search finds a message by: its plain text, else its HTML without markup. */
    private static String searchText(MessageContent content) {
        if (content.text() != null && !content.text().isBlank()) {
            return content.text();
        }
        if (content.html() == null) {
            return null;
        }
        return TAG.matcher(HIDDEN_HTML.matcher(content.html()).replaceAll(" ")).replaceAll(" ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    public CompletableFuture<Long> saveAttachment(String folder, long uid, int index, Path target) {
        return submit("save the attachment", () -> imap().saveAttachment(folder, uid, index, target));
    }

    public CompletableFuture<Void> setFlag(String folder, long uid, Flags.Flag flag, boolean on) {
        int bit = bit(flag);
        return change(on ? PendingChange.addFlags(folder, uid, bit) : PendingChange.removeFlags(folder, uid, bit));
    }

    public CompletableFuture<Long> copy(String from, long uid, String to) {
        return submit("copy the message", () -> {
            long copy = imap().copy(from, uid, to);
            events.foldersChanged(imap().folders());
            return copy;
        });
    }

    public CompletableFuture<Void> move(String from, long uid, String to) {
        return change(PendingChange.move(from, uid, to));
    }

    /** Moves the message to the Trash; in the Trash, or with no Trash, removes it for good. */
    public CompletableFuture<Void> delete(String folder, long uid) {
        String trash = lastFolders.stream().filter(f -> f.specialUse() == FolderInfo.SpecialUse.TRASH)
                .map(FolderInfo::fullName).findFirst().orElse(null);
        return change(trash != null && !trash.equals(folder) ? PendingChange.move(folder, uid, trash)
                : PendingChange.delete(folder, uid));
    }

    /**
     * Applies the change to the cache at once (the list shows it), then makes every queued change on the
     * server in order. Without a connection the future fails with a message saying the change is kept;
     * a refused certificate fails it with the {@link MailConnectionException}, so the user can be asked.
     */
    private CompletableFuture<Void> change(PendingChange change) {
        return CompletableFuture.runAsync(() -> {
            cache.queue(change);
            events.cachedRowsChanged(change.folder());
        }, cacheWorker).thenCompose(queued -> submit("change the message", () -> {
            ImapSession imap;
            try {
                imap = imap();
            } catch (MailConnectionException e) {
                if (e.problem().outcome() != Outcome.CONNECT_FAILED) {
                    throw e; // a certificate, policy or login problem: the user has to act, as on any connection
                }
                throw new IOException(kept(e.getMessage()));
            }
            if (!replay(imap)) {
                throw new IOException(kept("The connection to " + account.imap().host() + " was lost."));
            }
            return null;
        }));
    }

    private static String kept(String why) {
        return why + " The change is kept here and made on the server when the connection is back.";
    }

    /**
     * Makes the queued changes on the server, oldest first. A change whose folder's UIDVALIDITY changed is
     * dropped (its UID names another message now); one the server refuses (the message is gone) is dropped
     * with a message, and the next sync shows the server's state. Returns false when the connection broke:
     * the rest stays queued.
     */
    private boolean replay(ImapSession imap) {
        List<PendingChange> pending = cache.pending();
        Map<String, Long> uidValidity = new HashMap<>();
        boolean moved = false;
        for (PendingChange change : pending) {
            try {
                long current = uidValidity.containsKey(change.folder()) ? uidValidity.get(change.folder())
                        : imap.uidValidity(change.folder());
                uidValidity.put(change.folder(), current);
                if (change.uidValidity() == 0 || change.uidValidity() == current) {
                    apply(imap, change);
                    moved |= change.kind() == PendingChange.Kind.MOVE || change.kind() == PendingChange.Kind.DELETE;
                }
            } catch (MessagingException e) {
                if (e instanceof StoreClosedException || e instanceof FolderClosedException || !imap.isConnected()) {
                    return false;
                }
                events.failed("change the message", e.getMessage());
            }
            cache.done(change.id());
        }
        if (moved) {
            try {
                lastFolders = imap.folders();
                events.foldersChanged(lastFolders);
            } catch (MessagingException e) {
                events.failed("list the folders", e.getMessage());
            }
        }
        return true;
    }

    private static void apply(ImapSession imap, PendingChange change) throws MessagingException {
        switch (change.kind()) {
            case ADD_FLAGS, REMOVE_FLAGS -> {
                for (CachedHeader.Flag flag : CachedHeader.Flag.values()) {
                    if (flag.in(change.flags())) {
                        imap.setFlag(change.folder(), change.uid(), flag(flag), change.kind() == PendingChange.Kind.ADD_FLAGS);
                    }
                }
            }
            case MOVE -> imap.move(change.folder(), change.uid(), change.target());
            case DELETE -> imap.delete(change.folder(), change.uid());
        }
    }

    private static int bit(Flags.Flag flag) {
        return flag(flag).bit();
    }

    private static CachedHeader.Flag flag(Flags.Flag flag) {
        if (flag == Flags.Flag.SEEN) {
            return CachedHeader.Flag.SEEN;
        } else if (flag == Flags.Flag.ANSWERED) {
            return CachedHeader.Flag.ANSWERED;
        } else if (flag == Flags.Flag.FLAGGED) {
            return CachedHeader.Flag.FLAGGED;
        } else if (flag == Flags.Flag.DELETED) {
            return CachedHeader.Flag.DELETED;
        } else if (flag == Flags.Flag.DRAFT) {
            return CachedHeader.Flag.DRAFT;
        }
        throw new IllegalArgumentException("the cache keeps no " + flag + " flag");
    }

    private static Flags.Flag flag(CachedHeader.Flag flag) {
        return switch (flag) {
            case SEEN -> Flags.Flag.SEEN;
            case ANSWERED -> Flags.Flag.ANSWERED;
            case FLAGGED -> Flags.Flag.FLAGGED;
            case DELETED -> Flags.Flag.DELETED;
            case DRAFT -> Flags.Flag.DRAFT;
        };
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
            watcher = new MailboxWatcher(account, password(), connector, folder, syncingOnChange()).start();
            return null;
        });
    }

    /** The watcher's events, passed on; new mail or changed flags also bring the folder's cache up to date. */
    private AccountEvents syncingOnChange() {
        return new AccountEvents() {
            @Override
            public void connected(ConnectionReport report) {
                events.connected(report);
            }

            @Override
            public void offline(Service service, String reason) {
                events.offline(service, reason);
            }

            @Override
            public void newMessages(String folder, List<MessageRow> rows) {
                sync(folder);
                events.newMessages(folder, rows);
            }

            @Override
            public void messagesChanged(String folder, List<MessageRow> rows) {
                sync(folder);
                events.messagesChanged(folder, rows);
            }

            @Override
            public void failed(String what, String message) {
                events.failed(what, message);
            }
        };
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

    /** The main connection; a new one first makes the changes queued while there was none. */
    private ImapSession imap() throws MailConnectionException, IOException {
        if (session == null) {
            session = ImapSession.open(account, password(), connector, events::connected);
            openSyncConnectionAhead();
            replay(session);
        }
        return session;
    }

    /**
     * A sync follows every login (of the open folder; at start, the INBOX), so the sync connection's
     * handshake and login run now, beside whatever this connection does first, not after it. The password
     * was just accepted. If this fails, the sync opens it again and says why.
     */
    private synchronized void openSyncConnectionAhead() {
        if (!syncWorker.isShutdown()) { // close() shuts it down, also synchronized
            syncWorker.execute(() -> {
                try {
                    syncConnection();
                } catch (Exception e) {
                    // nothing is open; the next sync tries again and reports the failure
                }
            });
        }
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

    /** Work on the cache thread: what needs no connection must not wait behind one. */
    private <T> CompletableFuture<T> submitLocal(String what, Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            cacheWorker.execute(() -> {
                try {
                    result.complete(work.run());
                } catch (Exception e) {
                    events.failed(what, e.getMessage());
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            result.completeExceptionally(new IOException("The account " + account.address() + " is closed."));
        }
        return result;
    }

    /** An exception's message for the user; never a stack trace. */
    private static String readable(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The cache file; one that cannot be opened (no space, locked) is replaced by a temporary one for this run. */
    private MailCache openCache(Path file) {
        try {
            return MailCache.open(file);
        } catch (CacheException e) {
            events.failed("open the local cache", e.getMessage() + "; mail is kept in memory until the app closes.");
            try {
                Path temporary = Files.createTempDirectory("padlock-cache").resolve(account.id() + ".sqlite");
                temporary.toFile().deleteOnExit();
                temporary.getParent().toFile().deleteOnExit();
                return MailCache.open(temporary);
            } catch (IOException again) {
                throw new CacheException("no cache could be opened for " + account.address(), again);
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
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

    private void closeSearchConnection() {
        closeQuietly(searchConnection);
        searchConnection = null;
    }

    private void closeSyncConnection() {
        closeQuietly(syncConnection);
        syncConnection = null;
    }

    private static void closeQuietly(SyncConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (MessagingException ignored) {
                // it was broken already
            }
        }
    }

    /** Closes the connections, then the cache once the last task that uses it is done (the app does not wait). */
    @Override
    public void close() {
        close(false);
    }

    /** Closes the account like {@link #close()}, then deletes its cache: for an account being removed. */
    public CompletableFuture<Void> closeAndDeleteCache() {
        return close(true);
    }

    private synchronized CompletableFuture<Void> close(boolean deleteCache) {
        if (!worker.isShutdown()) {
            worker.execute(() -> {
                if (watcher != null) {
                    watcher.close();
                }
                if (session != null) {
                    closeSession();
                }
            });
            syncWorker.execute(this::closeSyncConnection);
            searchWorker.execute(this::closeSearchConnection);
            worker.shutdown();
            syncWorker.shutdown();
            searchWorker.shutdown();
            cacheWorker.shutdown();
            daemon(() -> {
                try {
                    for (ExecutorService executor : List.of(worker, syncWorker, searchWorker, cacheWorker)) {
                        executor.awaitTermination(1, TimeUnit.MINUTES);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cache.close();
                closed.complete(null);
            }, "padlock-close-" + account.address()).start();
        }
        if (!deleteCache) {
            return closed;
        }
        return closed.thenRun(() -> {
            try {
                MailCache.delete(cacheFile);
            } catch (IOException e) {
                // The next start deletes it (deleteCachesExcept); the account is gone either way.
                events.failed("delete the local cache", e.getMessage());
            }
        });
    }
}
