package org.padlockmail.ui.main;

import java.io.IOException;
import java.net.Socket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.mail.Flags;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.padlockmail.demo.DemoMailbox;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.mail.FolderInfo;
import org.padlockmail.mail.MailAccount;
import org.padlockmail.mail.MailConnectionException;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.Outbox;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.cache.MessageOrder;
import org.padlockmail.mail.sync.ServerHits;
import org.padlockmail.mail.sync.SyncResult;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.RefusalException;
import org.padlockmail.security.Service;
import org.padlockmail.ui.ClientSession;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.certificate.CertificatePromptViewModel.Decision;
import org.padlockmail.ui.lock.ConnectionLocksViewModel;

/**
 * The state of the main window: the open accounts, the selected folder and its messages, the open
 * message, and what is going on. Every network and disk step runs on an account's worker or on
 * {@code background}; results come back through {@code fxThread}.
 *
 * <p>The message list is the account's local cache, read page by page ({@link PagedMessageList}): a
 * folder shows what the cache has at once, even offline, and a sync then brings it up to date, the list
 * following every batch it writes. A sort by a column is the cache's too ({@link #orderProperty}). The
 * search box searches the current folder, as Thunderbird's quick
 * filter does: the cache at once, then the server for the text of messages never read here; clearing it
 * shows the folder again.
 *
 * <p>When a connection is refused because a certificate is not trusted yet or no longer matches its
 * pin, the user is asked ({@link CertificateQuestion}); nothing was sent to the server before that.
 * Trusting or replacing the pin retries what the user was doing.
 */
public final class MainViewModel implements AutoCloseable {

    /** Shows the certificate prompt or the pin-mismatch warning and reports the user's decision. */
    @FunctionalInterface
    public interface CertificateQuestion {
        CompletableFuture<Decision> ask(Endpoint endpoint, Refusal refusal);
    }

    /** Pages of rows the list keeps (of {@link PagedMessageList#PAGE_SIZE}): far more than a screen, far fewer than a big folder. */
    static final int PAGES_HELD = 10;
    /** How long typing must pause before the search runs. */
    static final long SEARCH_DELAY_MS = 200;
    /** The most search results shown, newest first. */
    static final int SEARCH_LIMIT = 1000;

    private final ClientSession session;
    private final UiText text;
    private final Executor fxThread;
    private final Executor background;
    private final CertificateQuestion question;
    private final Map<Endpoint, CompletableFuture<Decision>> openQuestions = new HashMap<>();

    private final ObservableList<AccountItem> accounts = FXCollections.observableArrayList();
    private final ObjectProperty<AccountItem> selectedAccount = new SimpleObjectProperty<>();
    private final StringProperty selectedFolder = new SimpleStringProperty();
    private final PagedMessageList rows;
    private final LongProperty selectedUid = new SimpleLongProperty();
    private final ObservableSet<Long> selectedUids = FXCollections.observableSet();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<MessageOrder> order = new SimpleObjectProperty<>(MessageOrder.NEWEST_FIRST);
    /** True while a folder being opened takes its stored order: that is not the user sorting. */
    private boolean openingFolder;
    /** Increases with every keystroke in the search box; a search whose number is not the latest is not run. */
    private long searchTicket;
    /** What the server search last said in the status line, so that clearing the search clears it too and nothing else. */
    private String searchStatus;
    private final ObjectProperty<MessageContent> message = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty running = new SimpleIntegerProperty();

    public MainViewModel(ClientSession session, UiText text, Executor fxThread, Executor background, CertificateQuestion question) {
        this.session = session;
        this.text = text;
        this.fxThread = fxThread;
        this.background = background;
        this.question = question;
        this.rows = new PagedMessageList(background, fxThread, PAGES_HELD);
        order.addListener((o, was, now) -> {
            if (!now.equals(was) && !openingFolder) {
                keepOrder(now);
                showRows();
            }
        });
        search.addListener((o, was, now) -> {
            long ticket = ++searchTicket;
            CompletableFuture.delayedExecutor(SEARCH_DELAY_MS, TimeUnit.MILLISECONDS, background)
                    .execute(() -> fxThread.execute(() -> {
                        if (ticket == searchTicket) {
                            showRows();
                        }
                    }));
        });
    }

    public ClientSession session() {
        return session;
    }

    public UiText text() {
        return text;
    }

    public ObservableList<AccountItem> accounts() {
        return accounts;
    }

    public ObjectProperty<AccountItem> selectedAccountProperty() {
        return selectedAccount;
    }

    public StringProperty selectedFolderProperty() {
        return selectedFolder;
    }

    /** The rows of the selected folder, or what the search found in it, newest first. */
    public PagedMessageList visibleRows() {
        return rows;
    }

    /** The UID of the row selected in the list (0: none), so the selection survives the list being read again. */
    public LongProperty selectedUidProperty() {
        return selectedUid;
    }

    /** The UIDs of all the rows selected in the list, kept across the list being read again like {@link #selectedUidProperty()}. */
    public ObservableSet<Long> selectedUids() {
        return selectedUids;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The order of the list, search results included; newest first until the user sorts by a column. */
    public ObjectProperty<MessageOrder> orderProperty() {
        return order;
    }

    public ObjectProperty<MessageContent> messageProperty() {
        return message;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanBinding busyBinding() {
        return running.greaterThan(0);
    }

    public BooleanBinding noAccountBinding() {
        return Bindings.isEmpty(accounts);
    }

    /** Opens the saved accounts. */
    public CompletableFuture<Void> loadAccounts() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<Account> saved = session.accounts().all();
                // A cache whose account was removed holds mail nobody can see any more.
                Set<String> ids = new HashSet<>(List.of(DemoMailbox.ACCOUNT_ID));
                saved.forEach(account -> ids.add(account.id()));
                MailAccount.deleteCachesExcept(session.folder().path(), ids);
                return saved;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).thenAccept(saved -> saved.forEach(this::add))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        fxThread.execute(() -> status.set(messageOf(e)));
                    }
                });
    }

    /** Starts the demo server and opens its account. */
    public CompletableFuture<Void> startDemo() {
        begin();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.startDemo();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).thenAccept(this::add).whenComplete((v, e) -> fxThread.execute(() -> {
            end();
            if (e != null) {
                status.set(messageOf(e));
            }
        }));
    }

    /** Opens an account (already saved, or the demo) and connects it; may be called from any thread. */
    public void add(Account account) {
        ConnectionLocksViewModel locks = new ConnectionLocksViewModel(fxThread);
        AccountItem[] holder = new AccountItem[1];
        MailAccount mail;
        try {
            mail = session.open(account, events(locks.events(), () -> holder[0]));
        } catch (IOException e) {
            fxThread.execute(() -> status.set(messageOf(e)));
            return;
        }
        AccountItem item = new AccountItem(mail, locks, session.drafts(account), storedOrders(account));
        holder[0] = item;
        List<FolderInfo> cachedFolders = cachedFolders(mail);
        fxThread.execute(() -> {
            accounts.add(item);
            if (item.folders().isEmpty()) {
                item.folders().setAll(cachedFolders); // until the server lists them
            }
            if (selectedAccount.get() == null) {
                selectedAccount.set(item);
                selectedFolder.set("INBOX");
                takeStoredOrder(item, "INBOX");
                showRows(); // what the cache has, before (or without) a connection
            }
            refresh(item);
        });
    }

    private Map<String, MessageOrder> storedOrders(Account account) {
        try {
            return session.listOrders().of(account.id());
        } catch (IOException e) {
            return Map.of(); // an unreadable file is never overwritten (JsonFile); the lists open newest first
        }
    }

    /** Remembers the user's sort for the open folder, in memory at once and on disk in the background. */
    private void keepOrder(MessageOrder now) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        if (item == null || folder == null || item.order(folder).equals(now)) {
            return;
        }
        item.setOrder(folder, now);
        String id = item.account().id();
        background.execute(() -> {
            try {
                session.updateListOrders(orders -> orders.with(id, folder, now));
            } catch (IOException e) {
                fxThread.execute(() -> status.set(messageOf(e)));
            }
        });
    }

    /** Opens a folder's list in the order the user last chose for it. */
    private void takeStoredOrder(AccountItem item, String folder) {
        openingFolder = true;
        try {
            order.set(item.order(folder));
        } finally {
            openingFolder = false;
        }
    }

    private List<FolderInfo> cachedFolders(MailAccount mail) {
        try {
            return mail.cachedFolders();
        } catch (RuntimeException e) {
            return List.of(); // the cache failed to read; the server will list them
        }
    }

    /** Get mail: the folder list with counts, the open folder again, and the SMTP lock. */
    public void refresh(AccountItem item) {
        run(item, () -> item.mail().folders(), folders -> {
            item.folders().setAll(folders);
            if (item == selectedAccount.get() && selectedFolder.get() == null) {
                selectFolder(item, "INBOX");
            } else if (item == selectedAccount.get()) {
                selectFolder(item, selectedFolder.get());
            }
            item.mail().watch("INBOX");
        });
        checkSmtp(item);
    }

    /** Connects to the account's SMTP server (handshake only, no login) so its lock shows before the first send. */
    public void checkSmtp(AccountItem item) {
        Account account = item.account();
        Endpoint smtp = account.smtp().endpoint(Service.SMTP);
        run(item, () -> CompletableFuture.supplyAsync(() -> {
            SecureConnector.Opened opened;
            try {
                opened = session.connector(account).open(smtp);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            item.locks().events().connected(opened.report());
            try (Socket socket = opened.socket()) {
                return null;
            } catch (IOException e) {
                return null; // the handshake is done; closing is all that failed
            }
        }, background), ignored -> { });
    }

    /** Shows the folder from the cache at once and syncs it; the open folder again only syncs. */
    public void selectFolder(AccountItem item, String folder) {
        boolean shown = item == selectedAccount.get() && Objects.equals(folder, selectedFolder.get()) && rows.size() > 0;
        selectedAccount.set(item);
        selectedFolder.set(folder);
        if (!shown) {
            message.set(null);
            selectedUid.set(0);
            selectedUids.clear();
            takeStoredOrder(item, folder);
            if (search.get().isBlank()) {
                showRows();
            } else {
                search.set(""); // another folder: the search box starts empty, as in Thunderbird
            }
        }
        // The sync's certificate or login problem is asked about like the main connection's.
        run(item, () -> item.mail().sync(folder), synced -> { });
    }

    /** The selected folder, or what the search box finds in it. */
    private void showRows() {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        if (item == null || folder == null) {
            rows.show(PagedMessageList.NOTHING);
        } else if ((search.get() == null || search.get().isBlank()) && order.get().equals(MessageOrder.NEWEST_FIRST)) {
            rows.show(new PagedMessageList.Source() {
                @Override
                public int count() {
                    return item.mail().cachedCount(folder);
                }

                @Override
                public List<MessageRow> page(int offset, int limit) {
                    return item.mail().cachedRows(folder, offset, limit);
                }
            });
        } else if (search.get() == null || search.get().isBlank()) {
            MessageOrder sorted = order.get();
            rows.show(new PagedMessageList.Source() {
                // every UID in order (8 bytes a message), read again on every reload; rows are read per page
                private volatile long[] uids = new long[0];

                @Override
                public int count() {
                    uids = item.mail().cachedUids(folder, sorted);
                    return uids.length;
                }

                @Override
                public List<MessageRow> page(int offset, int limit) {
                    long[] all = uids;
                    return item.mail().cachedRows(folder, all, Math.min(offset, all.length), Math.min(offset + limit, all.length));
                }
            });
        } else {
            String query = search.get().trim();
            SearchResults results = new SearchResults(item, folder, query, order.get());
            rows.show(results);
            searchServer(results);
            return;
        }
        clearSearchStatus();
    }

    /**
     * The search box's rows: the cache's hits, and once the server has answered ({@link #searchServer}),
     * the cached messages it found too. Both are read again on every reload: flags change.
     */
    private static final class SearchResults implements PagedMessageList.Source {
        private final AccountItem item;
        private final String folder;
        private final String query;
        private final MessageOrder order;
        private volatile ServerHits server;
        private volatile List<MessageRow> found = List.of();

        SearchResults(AccountItem item, String folder, String query, MessageOrder order) {
            this.item = item;
            this.folder = folder;
            this.query = query;
            this.order = order;
        }

        @Override
        public int count() {
            found = item.mail().search(query, folder, SEARCH_LIMIT, server, order);
            return found.size();
        }

        @Override
        public List<MessageRow> page(int offset, int limit) {
            List<MessageRow> all = found;
            return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        }
    }

    /**
     * The cache has the text of messages read here only; the server's own search finds the others (it may
     * take seconds on a big folder without a server-side index, so the cache's hits show first). Its answer
     * is shown only while the search box still holds the same query.
     */
    private void searchServer(SearchResults results) {
        long ticket = searchTicket;
        begin();
        showSearchStatus(text.get("search.server.running"));
        results.item.mail().searchServer(results.query, results.folder).whenComplete((hits, error) -> fxThread.execute(() -> {
            end();
            if (ticket != searchTicket || results.item != selectedAccount.get() || !results.folder.equals(selectedFolder.get())) {
                return;
            }
            if (error != null) {
                showSearchStatus(text.format("search.server.failed", messageOf(error)));
            } else if (hits.isPresent()) {
                results.server = hits.get();
                rows.reload();
                showSearchStatus(text.format("search.server.done", hits.get().uids().length));
            }
        }));
    }

    private void showSearchStatus(String message) {
        searchStatus = message;
        status.set(message);
    }

    private void clearSearchStatus() {
        if (searchStatus != null && searchStatus.equals(status.get())) {
            status.set("");
        }
        searchStatus = null;
    }

    /** Shows a message and marks it read. */
    public void open(MessageRow row) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        if (item == null || row == null || row == PagedMessageList.PLACEHOLDER) {
            message.set(null);
            return;
        }
        run(item, () -> item.mail().read(folder, row.uid()), content -> {
            message.set(content);
            if (!row.seen()) {
                setSeen(List.of(row), true);
            }
        });
    }

    public void setSeen(List<MessageRow> selected, boolean seen) {
        changeFlag(selected, Flags.Flag.SEEN, seen);
    }

    /** Flags the rows, or unflags them when all are flagged already. */
    public void toggleFlagged(List<MessageRow> selected) {
        changeFlag(selected, Flags.Flag.FLAGGED, !selected.stream().allMatch(MessageRow::flagged));
    }

    /** The cache shows the change at once (the list follows its events); the server gets it now or after a reconnect. */
    private void changeFlag(List<MessageRow> selected, Flags.Flag flag, boolean on) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        for (MessageRow row : real(selected)) {
            run(item, () -> item.mail().setFlag(folder, row.uid(), flag, on), done -> { });
        }
    }

    public void delete(List<MessageRow> selected) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        for (MessageRow row : real(selected)) {
            closeIfShown(row.uid());
            run(item, () -> item.mail().delete(folder, row.uid()), done -> { });
        }
    }

    public void move(List<MessageRow> selected, String target) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        for (MessageRow row : real(selected)) {
            closeIfShown(row.uid());
            run(item, () -> item.mail().move(folder, row.uid(), target), done -> { });
        }
    }

    /** The selected rows without placeholders (rows whose page is not read yet cannot be acted on). */
    private static List<MessageRow> real(List<MessageRow> selected) {
        return selected.stream().filter(r -> r != PagedMessageList.PLACEHOLDER).toList();
    }

    /** Sends through the outbox: the message is on disk before the first attempt and stays there until accepted. */
    public CompletableFuture<String> send(AccountItem item, MessageDraft draft) {
        CompletableFuture<String> queued = new CompletableFuture<>();
        run(item, () -> item.mail().send(draft), queued::complete);
        return queued;
    }

    /** Closes and forgets an account: its settings, stored password and cached mail are removed, its pins stay. */
    public void remove(AccountItem item) {
        accounts.remove(item);
        if (selectedAccount.get() == item) {
            selectedAccount.set(accounts.isEmpty() ? null : accounts.get(0));
            selectedFolder.set(null);
            rows.show(PagedMessageList.NOTHING);
            message.set(null);
        }
        item.mail().closeAndDeleteCache();
        background.execute(() -> {
            try {
                session.accounts().remove(item.account().id());
                session.passwords().remove(item.account().id());
                session.updateListOrders(orders -> orders.without(item.account().id()));
            } catch (IOException e) {
                fxThread.execute(() -> status.set(messageOf(e)));
            }
        });
    }

    /** Reopens an account with changed settings (a new connector, new TLS policy). */
    public void reopen(AccountItem item, Account changed) {
        int index = accounts.indexOf(item);
        item.mail().close();
        accounts.remove(item);
        boolean wasSelected = selectedAccount.get() == item;
        if (wasSelected) {
            selectedAccount.set(null);
            selectedFolder.set(null);
            rows.show(PagedMessageList.NOTHING);
        }
        background.execute(() -> add(changed));
        if (index < 0) {
            status.set("");
        }
    }

    /**
     * Runs an account action; on a refusal that the user can resolve by trusting a certificate, asks
     * them and, if they trust it, pins it and runs the action again.
     */
    private <T> void run(AccountItem item, Supplier<CompletableFuture<T>> action, Consumer<T> onSuccess) {
        if (item == null) {
            return;
        }
        begin();
        action.get().whenComplete((value, error) -> fxThread.execute(() -> {
            end();
            if (error == null) {
                if (!item.problemProperty().get().isEmpty() && status.get().equals(item.problemProperty().get())) {
                    status.set(""); // the problem is solved; its message would only mislead now
                }
                item.setProblem("");
                onSuccess.accept(value);
                return;
            }
            Throwable cause = unwrap(error);
            Refusal refusal = null;
            ConnectionReport report = null;
            if (cause instanceof MailConnectionException connection && connection.problem().refusal() != null) {
                refusal = connection.problem().refusal();
                report = connection.problem().report();
            } else if (cause instanceof RefusalException refused) {
                refusal = refused.refusal();
                report = refused.report();
                item.locks().events().connected(report);
            }
            String reason = cause.getMessage();
            item.setProblem(reason);
            status.set(reason);
            if (refusal != null && report != null && askable(refusal)) {
                Endpoint endpoint = report.endpoint();
                Refusal asked = refusal;
                ask(endpoint, refusal).thenAccept(decision -> {
                    if (decision != Decision.CANCEL) {
                        background.execute(() -> {
                            try {
                                if (decision == Decision.REPLACE) {
                                    session.pins().replace(endpoint, asked.leaf().orElseThrow(), session.clock().instant());
                                } else {
                                    session.pins().add(endpoint, asked.leaf().orElseThrow(), session.clock().instant());
                                }
                                fxThread.execute(() -> run(item, action, onSuccess));
                            } catch (IOException e) {
                                fxThread.execute(() -> status.set(messageOf(e)));
                            }
                        });
                    }
                });
            }
        }));
    }

    /** A first-use certificate the user may pin, or a changed key the user may accept after the warning. */
    private static boolean askable(Refusal refusal) {
        return refusal.pinnable() || (refusal.existingPin() != null && !refusal.offeredChain().isEmpty());
    }

    /** One question per server at a time, even when several actions ran into the same certificate. */
    private CompletableFuture<Decision> ask(Endpoint endpoint, Refusal refusal) {
        CompletableFuture<Decision> open = openQuestions.get(endpoint);
        if (open != null) {
            return open.thenApply(d -> Decision.CANCEL); // the first question's answer retries its own action only
        }
        CompletableFuture<Decision> asked = question.ask(endpoint, refusal);
        openQuestions.put(endpoint, asked);
        asked.whenComplete((d, e) -> fxThread.execute(() -> openQuestions.remove(endpoint)));
        return asked;
    }

    private AccountEvents events(AccountEvents locks, Supplier<AccountItem> item) {
        return new AccountEvents() {
            @Override
            public void connected(ConnectionReport report) {
                locks.connected(report);
            }

            @Override
            public void offline(Service service, String reason) {
                locks.offline(service, reason);
            }

            @Override
            public void foldersChanged(List<FolderInfo> folders) {
                fxThread.execute(() -> item.get().folders().setAll(folders));
            }

            @Override
            public void newMessages(String folder, List<MessageRow> arrived) {
                // The account syncs the folder for them; the list follows the cache. Here: the counts.
                fxThread.execute(() -> item.get().mail().folders());
            }

            @Override
            public void cachedRowsChanged(String folder) {
                fxThread.execute(() -> {
                    if (item.get() == selectedAccount.get() && folder.equals(selectedFolder.get())) {
                        rows.reload();
                    }
                });
            }

            @Override
            public void syncFinished(SyncResult result) {
                if (result.added() + result.changed() + result.removed() > 0) {
                    cachedRowsChanged(result.folder());
                }
            }

            @Override
            public void syncFailed(String folder, String reason) {
                fxThread.execute(() -> status.set(reason));
            }

            @Override
            public void outboxChanged(List<Outbox.Entry> entries) {
                fxThread.execute(() -> {
                    item.get().outbox().setAll(entries);
                    entries.stream().filter(e -> e.lastError() != null).findFirst()
                            .ifPresent(e -> status.set(text.format("outbox.waiting", entries.size(), e.lastError())));
                    if (entries.isEmpty()) {
                        status.set(text.get("outbox.sent"));
                    }
                });
            }

            @Override
            public void failed(String what, String reason) {
                fxThread.execute(() -> status.set(reason));
            }
        };
    }

    private void closeIfShown(long uid) {
        MessageContent shown = message.get();
        if (shown != null && shown.uid() == uid) {
            message.set(null);
        }
    }

    private void begin() {
        running.set(running.get() + 1);
    }

    private void end() {
        running.set(Math.max(0, running.get() - 1));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String messageOf(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public void close() {
        accounts.forEach(a -> a.mail().close());
    }
}
