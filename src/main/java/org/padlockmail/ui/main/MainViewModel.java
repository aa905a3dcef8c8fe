package org.padlockmail.ui.main;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.mail.Flags;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
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

    /** How many rows of a folder the list shows (the cache of issue 5 lifts this). */
    static final int LIST_LIMIT = 2000;

    private final ClientSession session;
    private final UiText text;
    private final Executor fxThread;
    private final Executor background;
    private final CertificateQuestion question;
    private final Map<Endpoint, CompletableFuture<Decision>> openQuestions = new HashMap<>();

    private final ObservableList<AccountItem> accounts = FXCollections.observableArrayList();
    private final ObjectProperty<AccountItem> selectedAccount = new SimpleObjectProperty<>();
    private final StringProperty selectedFolder = new SimpleStringProperty();
    private final ObservableList<MessageRow> rows = FXCollections.observableArrayList();
    private final FilteredList<MessageRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<MessageContent> message = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty running = new SimpleIntegerProperty();

    public MainViewModel(ClientSession session, UiText text, Executor fxThread, Executor background, CertificateQuestion question) {
        this.session = session;
        this.text = text;
        this.fxThread = fxThread;
        this.background = background;
        this.question = question;
        search.addListener((o, was, now) -> visibleRows.setPredicate(matching(now)));
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

    /** The rows of the selected folder that match the search, newest first until the user sorts. */
    public ObservableList<MessageRow> visibleRows() {
        return visibleRows;
    }

    public StringProperty searchProperty() {
        return search;
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
                return session.accounts().all();
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
        AccountItem item = new AccountItem(mail, locks, session.drafts(account));
        holder[0] = item;
        fxThread.execute(() -> {
            accounts.add(item);
            if (selectedAccount.get() == null) {
                selectedAccount.set(item);
            }
            refresh(item);
        });
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

    public void selectFolder(AccountItem item, String folder) {
        selectedAccount.set(item);
        selectedFolder.set(folder);
        message.set(null);
        run(item, () -> item.mail().newest(folder, LIST_LIMIT), newest -> {
            if (item == selectedAccount.get() && Objects.equals(folder, selectedFolder.get())) {
                rows.setAll(newest);
            }
        });
    }

    /** Shows a message and marks it read. */
    public void open(MessageRow row) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        if (item == null || row == null) {
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

    private void changeFlag(List<MessageRow> selected, Flags.Flag flag, boolean on) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        for (MessageRow row : List.copyOf(selected)) {
            run(item, () -> item.mail().setFlag(folder, row.uid(), flag, on), done -> replace(row.uid(), flagged(row, flag, on)));
        }
    }

    public void delete(List<MessageRow> selected) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        for (MessageRow row : List.copyOf(selected)) {
            run(item, () -> item.mail().delete(folder, row.uid()), done -> removeRow(row.uid()));
        }
    }

    public void move(List<MessageRow> selected, String target) {
        AccountItem item = selectedAccount.get();
        String folder = selectedFolder.get();
        for (MessageRow row : List.copyOf(selected)) {
            run(item, () -> item.mail().move(folder, row.uid(), target), done -> removeRow(row.uid()));
        }
    }

    /** Sends through the outbox: the message is on disk before the first attempt and stays there until accepted. */
    public CompletableFuture<String> send(AccountItem item, MessageDraft draft) {
        CompletableFuture<String> queued = new CompletableFuture<>();
        run(item, () -> item.mail().send(draft), queued::complete);
        return queued;
    }

    /** Closes and forgets an account: its settings and stored password are removed, its pins stay. */
    public void remove(AccountItem item) {
        accounts.remove(item);
        if (selectedAccount.get() == item) {
            selectedAccount.set(accounts.isEmpty() ? null : accounts.get(0));
            selectedFolder.set(null);
            rows.clear();
            message.set(null);
        }
        item.mail().close();
        background.execute(() -> {
            try {
                session.accounts().remove(item.account().id());
                session.passwords().remove(item.account().id());
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
            rows.clear();
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
                fxThread.execute(() -> {
                    if (item.get() == selectedAccount.get() && folder.equals(selectedFolder.get())) {
                        List<MessageRow> newestFirst = new ArrayList<>(arrived);
                        java.util.Collections.reverse(newestFirst);
                        newestFirst.removeIf(r -> rows.stream().anyMatch(existing -> existing.uid() == r.uid()));
                        rows.addAll(0, newestFirst);
                    }
                    item.get().mail().folders();
                });
            }

            @Override
            public void messagesChanged(String folder, List<MessageRow> changed) {
                fxThread.execute(() -> {
                    if (item.get() == selectedAccount.get() && folder.equals(selectedFolder.get())) {
                        changed.forEach(r -> replace(r.uid(), r));
                    }
                });
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

    private void replace(long uid, MessageRow changed) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).uid() == uid) {
                rows.set(i, changed);
                return;
            }
        }
    }

    private void removeRow(long uid) {
        rows.removeIf(r -> r.uid() == uid);
        MessageContent shown = message.get();
        if (shown != null && shown.uid() == uid) {
            message.set(null);
        }
    }

    private static MessageRow flagged(MessageRow row, Flags.Flag flag, boolean on) {
        boolean seen = flag == Flags.Flag.SEEN ? on : row.seen();
        boolean flagged = flag == Flags.Flag.FLAGGED ? on : row.flagged();
        return new MessageRow(row.uid(), seen, flagged, row.answered(), row.sent(), row.received(), row.from(), row.to(),
                row.subject(), row.messageId(), row.size(), row.attachments());
    }

    private static java.util.function.Predicate<MessageRow> matching(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        String needle = query.trim().toLowerCase(Locale.ROOT);
        return row -> contains(row.subject(), needle) || contains(row.from(), needle)
                || row.to().stream().anyMatch(t -> contains(t, needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
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
