package org.padlockmail.ui.account;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ServerDiscovery;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.ui.ClientSession;
import org.padlockmail.ui.UiText;

/**
 * Adding or editing an account: name, address and password; discovery of the servers (implicit TLS
 * first, then STARTTLS; each probe shown with its lock); manual settings; plaintext only under
 * "Advanced", with a warning and a second, explicit confirmation.
 */
public final class AccountSetupViewModel {

    /** The settings of one server as the form edits them. */
    public static final class Server {
        private final Service service;
        private final StringProperty host = new SimpleStringProperty("");
        private final StringProperty port = new SimpleStringProperty("");
        private final ObjectProperty<SecurityMode> mode = new SimpleObjectProperty<>(SecurityMode.TLS);
        private final BooleanProperty plaintextPassword = new SimpleBooleanProperty();

        Server(Service service) {
            this.service = service;
            mode.addListener((o, was, now) -> {
                if (now != SecurityMode.PLAIN) {
                    plaintextPassword.set(false);
                }
            });
        }

        public Service service() {
            return service;
        }

        public StringProperty hostProperty() {
            return host;
        }

        public StringProperty portProperty() {
            return port;
        }

        public ObjectProperty<SecurityMode> modeProperty() {
            return mode;
        }

        public BooleanProperty plaintextPasswordProperty() {
            return plaintextPassword;
        }

        void set(ServerSettings settings) {
            host.set(settings.host());
            port.set(Integer.toString(settings.port()));
            mode.set(settings.security());
            plaintextPassword.set(settings.allowPlaintextPassword());
        }

        void set(Endpoint endpoint) {
            host.set(endpoint.host());
            port.set(Integer.toString(endpoint.port()));
            mode.set(endpoint.mode());
        }

        ServerSettings settings() {
            int number;
            try {
                number = Integer.parseInt(port.get().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(port.get());
            }
            return new ServerSettings(host.get().trim(), number, mode.get(), plaintextPassword.get());
        }
    }

    private final ClientSession session;
    private final UiText text;
    private final Executor fxThread;
    private final Executor background;
    private final ExecutorService probes;
    private final Account editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty userName = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final Server imap = new Server(Service.IMAP);
    private final Server smtp = new Server(Service.SMTP);
    private final BooleanProperty plaintextUnderstood = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> offlineDays = new SimpleObjectProperty<>(Account.DEFAULT_OFFLINE_DAYS);
    private final ObservableList<ServerDiscovery.Probe> found = FXCollections.observableArrayList();
    private final BooleanProperty discovering = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanBinding plaintextChosen;

    /** {@code editing} is the account being changed, or null for a new one. */
    public AccountSetupViewModel(ClientSession session, UiText text, Account editing, Executor fxThread, Executor background,
                                 ExecutorService probes) {
        this.session = session;
        this.text = text;
        this.editing = editing;
        this.fxThread = fxThread;
        this.background = background;
        this.probes = probes;
        plaintextChosen = Bindings.createBooleanBinding(() -> imap.mode.get() == SecurityMode.PLAIN
                || smtp.mode.get() == SecurityMode.PLAIN, imap.mode, smtp.mode);
        if (editing != null) {
            name.set(editing.displayName());
            address.set(editing.address());
            userName.set(editing.userName());
            imap.set(editing.imap());
            smtp.set(editing.smtp());
            offlineDays.set(editing.offlineDays());
        }
    }

    /** How many days of mail are fetched whole for offline reading: the choices offered, 0 for none. */
    public List<Integer> offlineChoices() {
        List<Integer> choices = new java.util.ArrayList<>(List.of(0, 7, Account.DEFAULT_OFFLINE_DAYS, 90, 365, Account.MAX_OFFLINE_DAYS));
        if (!choices.contains(offlineDays.get())) {
            choices.add(offlineDays.get()); // set by an earlier version or by hand: kept, not rounded
            choices.sort(null);
        }
        return choices;
    }

    public ObjectProperty<Integer> offlineDaysProperty() {
        return offlineDays;
    }

    public boolean editing() {
        return editing != null;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty userNameProperty() {
        return userName;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public Server imap() {
        return imap;
    }

    public Server smtp() {
        return smtp;
    }

    public BooleanBinding plaintextChosenBinding() {
        return plaintextChosen;
    }

    /** The first confirmation of a plaintext connection; the view asks a second time before saving. */
    public BooleanProperty plaintextUnderstoodProperty() {
        return plaintextUnderstood;
    }

    public ObservableList<ServerDiscovery.Probe> probes() {
        return found;
    }

    public BooleanProperty discoveringProperty() {
        return discovering;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Probes the usual servers of the address's domain and fills in the best ones. */
    public CompletableFuture<ServerDiscovery.Found> discover() {
        String mailAddress = address.get().trim();
        if (!mailAddress.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            message.set(text.get("setup.badAddress"));
            return CompletableFuture.failedFuture(new IllegalArgumentException(mailAddress));
        }
        found.clear();
        discovering.set(true);
        message.set(text.get("setup.discovering"));
        Account probeAccount = Account.create("", mailAddress, mailAddress,
                new ServerSettings("localhost", 993, SecurityMode.TLS, false), new ServerSettings("localhost", 465, SecurityMode.TLS, false));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.connector(probeAccount);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).thenCompose(connector -> new ServerDiscovery(connector, probes)
                .discover(mailAddress, probe -> fxThread.execute(() -> found.add(probe))))
                .whenComplete((result, error) -> fxThread.execute(() -> {
                    discovering.set(false);
                    if (error != null) {
                        message.set(error.getCause() == null ? error.getMessage() : error.getCause().getMessage());
                        return;
                    }
                    result.imap().ifPresent(imap::set);
                    result.smtp().ifPresent(smtp::set);
                    if (userName.get().isBlank()) {
                        userName.set(mailAddress);
                    }
                    message.set(result.imap().isPresent() && result.smtp().isPresent() ? text.get("setup.found")
                            : text.get("setup.notFound"));
                }));
    }

    /** The account as the form describes it; throws with a message for the user when a field is wrong. */
    public Account account() {
        String mailAddress = address.get().trim();
        if (!mailAddress.contains("@")) {
            throw new IllegalArgumentException(text.get("setup.badAddress"));
        }
        ServerSettings imapSettings;
        ServerSettings smtpSettings;
        try {
            imapSettings = imap.settings();
            smtpSettings = smtp.settings();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(text.get("setup.badServer"));
        }
        if (plaintextChosen.get() && !plaintextUnderstood.get()) {
            throw new IllegalArgumentException(text.get("setup.plaintextNotConfirmed"));
        }
        String user = userName.get().isBlank() ? mailAddress : userName.get().trim();
        String display = name.get().isBlank() ? mailAddress : name.get().trim();
        return editing == null
                ? Account.create(display, mailAddress, user, imapSettings, smtpSettings).withOfflineDays(offlineDays.get())
                : new Account(editing.id(), display, mailAddress, user, imapSettings, smtpSettings,
                        editing.minimumTlsVersion(), editing.cipherSuites(), offlineDays.get());
    }

    /** Saves the account and its password (off the JavaFX thread); completes with the saved account. */
    public CompletableFuture<Account> save() {
        Account account;
        try {
            account = account();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        if (!editing() && password.get().isEmpty()) {
            message.set(text.get("setup.noPassword"));
            return CompletableFuture.failedFuture(new IllegalArgumentException("no password"));
        }
        String secret = password.get();
        return CompletableFuture.supplyAsync(() -> {
            try {
                // The password first: an account without one would only fail later, less clearly.
                if (!secret.isEmpty()) {
                    session.passwords().save(account.id(), secret);
                }
                session.accounts().save(account);
                return account;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((saved, error) -> {
            if (error != null) {
                fxThread.execute(() -> message.set(error.getCause() == null ? error.getMessage() : error.getCause().getMessage()));
            }
        });
    }

    static List<SecurityMode> modes() {
        return List.of(SecurityMode.TLS, SecurityMode.STARTTLS, SecurityMode.PLAIN);
    }
}
