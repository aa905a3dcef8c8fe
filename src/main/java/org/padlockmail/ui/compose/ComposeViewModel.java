package org.padlockmail.ui.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.padlockmail.mail.DraftStore;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.main.AccountItem;

/**
 * A message being written: the fields, their validation, attachments, and sending through the outbox.
 * Drafts are saved locally (they survive a restart); a send that cannot be made secure leaves the
 * message in the outbox and says why.
 */
public final class ComposeViewModel {

    /** An attached file and its size, read once when it was added. */
    public record Attached(Path file, long size) {
    }

    private final UiText text;
    private final Executor fxThread;
    private final Executor background;
    private final BiFunction<AccountItem, MessageDraft, CompletableFuture<String>> sender;
    private final ObservableList<AccountItem> accounts;
    private final ObjectProperty<AccountItem> from = new SimpleObjectProperty<>();
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty cc = new SimpleStringProperty("");
    private final StringProperty bcc = new SimpleStringProperty("");
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final ObservableList<Attached> attachments = FXCollections.observableArrayList();
    private final List<String> knownAddresses;
    private final StringBinding addressProblem;
    private String draftId;
    private String inReplyTo;
    private List<String> references = List.of();

    public ComposeViewModel(UiText text, ObservableList<AccountItem> accounts, AccountItem selected, List<String> knownAddresses,
                            BiFunction<AccountItem, MessageDraft, CompletableFuture<String>> sender,
                            Executor fxThread, Executor background) {
        this.text = text;
        this.accounts = accounts;
        this.knownAddresses = List.copyOf(knownAddresses);
        this.sender = sender;
        this.fxThread = fxThread;
        this.background = background;
        from.set(selected != null ? selected : accounts.isEmpty() ? null : accounts.get(0));
        addressProblem = Bindings.createStringBinding(() -> problemIn(to.get(), cc.get(), bcc.get()), to, cc, bcc);
    }

    /** Fills the fields from a reply or a forward ({@code draftId} null) or from a saved draft (its id, so saving replaces it). */
    public void fill(MessageDraft draft, String savedDraftId) {
        draftId = savedDraftId;
        to.set(String.join(", ", draft.to()));
        cc.set(String.join(", ", draft.cc()));
        bcc.set(String.join(", ", draft.bcc()));
        subject.set(draft.subject() == null ? "" : draft.subject());
        body.set(draft.text() == null ? "" : draft.text());
        inReplyTo = draft.inReplyTo();
        references = draft.references();
        draft.attachments().forEach(this::attach);
    }

    public ObservableList<AccountItem> accounts() {
        return accounts;
    }

    public ObjectProperty<AccountItem> fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public StringProperty ccProperty() {
        return cc;
    }

    public StringProperty bccProperty() {
        return bcc;
    }

    public StringProperty subjectProperty() {
        return subject;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public ObservableList<Attached> attachments() {
        return attachments;
    }

    /** What went wrong or what happened with the last send or save, for the user. */
    public StringProperty resultProperty() {
        return result;
    }

    /** Empty when every address parses; else the first that does not. */
    public StringBinding addressProblemBinding() {
        return addressProblem;
    }

    /** Addresses seen in the open folder that start with or contain what is being typed after the last comma. */
    public List<String> completions(String field) {
        int comma = field.lastIndexOf(',');
        String typed = field.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
        if (typed.length() < 2) {
            return List.of();
        }
        return knownAddresses.stream().filter(a -> a.toLowerCase(Locale.ROOT).contains(typed)).limit(8).toList();
    }

    /** Adds a file once its size is read (off the JavaFX thread). */
    public void attach(Path file) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((size, e) -> fxThread.execute(() -> {
            if (e == null) {
                attachments.add(new Attached(file, size));
            } else {
                result.set(text.format("compose.cannotAttach", file.getFileName(),
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            }
        }));
    }

    public boolean hasContent() {
        return !(to.get().isBlank() && cc.get().isBlank() && bcc.get().isBlank() && subject.get().isBlank()
                && body.get().isBlank() && attachments.isEmpty());
    }

    /** Queues the message in the account's outbox; completes with the outbox id once it is safely on disk. */
    public CompletableFuture<String> send() {
        String problem = addressProblem.get();
        if (from.get() == null) {
            problem = text.get("compose.noAccount");
        } else if (problem.isEmpty() && to.get().isBlank() && cc.get().isBlank() && bcc.get().isBlank()) {
            problem = text.get("compose.noRecipient");
        }
        if (!problem.isEmpty()) {
            result.set(problem);
            return CompletableFuture.failedFuture(new IllegalStateException(problem));
        }
        result.set(text.get("compose.sending"));
        return sender.apply(from.get(), draft()).whenComplete((id, e) -> {
            if (e == null && draftId != null) {
                String sentDraft = draftId;
                background.execute(() -> discardQuietly(sentDraft));
            }
        });
    }

    /** Saves the draft on this computer (off the JavaFX thread). */
    public CompletableFuture<String> saveDraft() {
        AccountItem account = from.get();
        if (account == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(text.get("compose.noAccount")));
        }
        MessageDraft draft = draft();
        DraftStore store = account.drafts();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.save(draftId, draft);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((id, e) -> fxThread.execute(() -> {
            if (e == null) {
                draftId = id;
                result.set(text.get("compose.draftSaved"));
            } else {
                result.set(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }));
    }

    /** Throws away the saved draft too, if there is one. */
    public void discard() {
        if (draftId != null && from.get() != null) {
            String id = draftId;
            background.execute(() -> discardQuietly(id));
        }
    }

    private void discardQuietly(String id) {
        try {
            from.get().drafts().discard(id);
        } catch (IOException ignored) {
            // a draft left behind is harmless; it is listed again next time
        }
    }

    MessageDraft draft() {
        return new MessageDraft(split(to.get()), split(cc.get()), split(bcc.get()), subject.get(), body.get(), null,
                attachments.stream().map(Attached::file).toList(), inReplyTo, references);
    }

    private static List<String> split(String field) {
        List<String> addresses = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parse(field, true)) {
                addresses.add(address.toUnicodeString());
            }
        } catch (AddressException e) {
            // validated before sending; an unparsable field yields no address here
        }
        return addresses;
    }

    private String problemIn(String... fields) {
        for (String field : fields) {
            if (field == null || field.isBlank()) {
                continue;
            }
            try {
                for (InternetAddress address : InternetAddress.parse(field, true)) {
                    address.validate();
                    if (!address.getAddress().contains("@")) {
                        throw new AddressException("no @", address.getAddress());
                    }
                }
            } catch (AddressException e) {
                return text.format("compose.badAddress", e.getRef() == null ? field.trim() : e.getRef());
            }
        }
        return "";
    }
}
