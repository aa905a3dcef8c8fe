package org.padlockmail.ui;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.padlockmail.config.ConfigFolder;
import org.padlockmail.config.JsonFile;
import org.padlockmail.demo.DemoMailbox;
import org.padlockmail.demo.DemoPasswords;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.mail.AccountStore;
import org.padlockmail.mail.DraftStore;
import org.padlockmail.mail.MailAccount;
import org.padlockmail.mail.PasswordStore;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.TlsClient;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;

/**
 * What one run of the desktop app shares between its windows: the configuration folder and its stores
 * (accounts, passwords, pins, imported CAs, preferences), and the demo server when the user tries it.
 * Free of JavaFX; every method that touches the disk or the network is called off the JavaFX thread.
 */
public final class ClientSession implements AutoCloseable {

    /**
     * The application settings: language (empty: follow the system), theme, and the senders whose
     * messages may load remote content (lower-case addresses).
     */
    public record Preferences(String language, String theme, List<String> remoteContentSenders) {
        public static final String LIGHT = "light";
        public static final String DARK = "dark";

        public Preferences {
            language = language == null ? "" : language;
            theme = DARK.equals(theme) ? DARK : LIGHT;
            remoteContentSenders = remoteContentSenders == null ? List.of() : List.copyOf(remoteContentSenders);
        }

        public Preferences withLanguage(String value) {
            return new Preferences(value, theme, remoteContentSenders);
        }

        public Preferences withTheme(String value) {
            return new Preferences(language, value, remoteContentSenders);
        }

        public Preferences withRemoteContentFrom(String address) {
            List<String> senders = new ArrayList<>(remoteContentSenders);
            String key = address.toLowerCase(java.util.Locale.ROOT);
            if (!senders.contains(key)) {
                senders.add(key);
            }
            return new Preferences(language, theme, senders);
        }
    }

    private final ConfigFolder folder;
    private final Supplier<PasswordStore> passwordSource;
    private PasswordStore passwords;
    private final Clock clock;
    private final AccountStore accounts;
    private final PinStore pins;
    private final JsonFile<Preferences> preferences;
    private final JsonFile<ListOrders> listOrders;
    private DemoMailbox demo;

    public ClientSession(ConfigFolder folder, PasswordStore passwords, Clock clock) {
        this(folder, () -> passwords, clock);
    }

    /** The password store is opened when first needed (a keyring's D-Bus connection costs time at start). */
    public ClientSession(ConfigFolder folder, Supplier<PasswordStore> passwords, Clock clock) {
        this.folder = folder;
        this.passwordSource = passwords;
        this.clock = clock;
        this.accounts = new AccountStore(folder.path().resolve("accounts.json"));
        this.pins = new PinStore(folder.pinFile());
        this.preferences = preferencesFile(folder);
        this.listOrders = new JsonFile<>(folder.path().resolve("list-orders.json"), ListOrders.class, () -> ListOrders.NONE);
    }

    /** The preferences alone, for what must be known before the rest opens (the language of the first prompt). */
    public static Preferences preferencesIn(ConfigFolder folder) throws IOException {
        return preferencesFile(folder).read();
    }

    private static JsonFile<Preferences> preferencesFile(ConfigFolder folder) {
        return new JsonFile<>(folder.path().resolve("preferences.json"), Preferences.class,
                () -> new Preferences("", Preferences.LIGHT, List.of()));
    }

    public ConfigFolder folder() {
        return folder;
    }

    public Clock clock() {
        return clock;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public synchronized PasswordStore passwords() {
        if (passwords == null) {
            passwords = passwordSource.get();
        }
        return passwords;
    }

    public PinStore pins() {
        return pins;
    }

    public Preferences preferences() throws IOException {
        return preferences.read();
    }

    public Preferences updatePreferences(java.util.function.UnaryOperator<Preferences> change) throws IOException {
        return preferences.update(change);
    }

    /** The sort order chosen for each folder's message list. */
    public ListOrders listOrders() throws IOException {
        return listOrders.read();
    }

    public ListOrders updateListOrders(java.util.function.UnaryOperator<ListOrders> change) throws IOException {
        return listOrders.update(change);
    }

    public DraftStore drafts(Account account) {
        return new DraftStore(folder.path().resolve("drafts").resolve(account.id()));
    }

    /** Where imported CA certificates are kept, one PEM file each. */
    public Path importedCaFolder() {
        return folder.path().resolve("trusted-cas");
    }

    /** The imported CA files, by name. */
    public List<Path> importedCaFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(importedCaFolder())) {
            try (DirectoryStream<Path> pem = Files.newDirectoryStream(importedCaFolder(), "*.pem")) {
                pem.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }

    /** Copies a PEM file of CA certificates into the configuration, after checking that it holds at least one. */
    public Path importCa(Path pemFile) throws IOException {
        List<X509Certificate> certificates = TrustAnchors.readPem(pemFile);
        if (certificates.isEmpty()) {
            throw new IOException(pemFile.getFileName() + " holds no certificate.");
        }
        Files.createDirectories(importedCaFolder());
        String name = pemFile.getFileName().toString();
        Path target = importedCaFolder().resolve(name.endsWith(".pem") ? name : name + ".pem");
        Files.copy(pemFile, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    public void removeCa(Path importedFile) throws IOException {
        if (!importedFile.toAbsolutePath().getParent().equals(importedCaFolder().toAbsolutePath())) {
            throw new IOException(importedFile + " is not an imported CA file.");
        }
        Files.deleteIfExists(importedFile);
    }

    /**
     * The connector for one account: the system's CAs plus the imported ones, this folder's pins, the
     * account's TLS policy. Made fresh for each connection attempt, so changed settings apply at once.
     */
    public SecureConnector connector(Account account) throws IOException {
        List<X509Certificate> imported = new ArrayList<>();
        for (Path file : importedCaFiles()) {
            imported.addAll(TrustAnchors.readPem(file));
        }
        TrustEvaluator evaluator = new TrustEvaluator(TrustAnchors.system().plus(imported), pins, account.tlsPolicy());
        return new SecureConnector(new TlsClient(evaluator, clock), SecureConnector.DEFAULT_DEADLINE);
    }

    /** Opens an account for use; the demo account uses its in-memory password. */
    public MailAccount open(Account account, AccountEvents events) throws IOException {
        PasswordStore store = demo != null && account.id().equals(DemoMailbox.ACCOUNT_ID)
                ? new DemoPasswords(account.id(), demo.password()) : passwords();
        return new MailAccount(account, store, connector(account), folder.path(), events, clock);
    }

    /** Starts the demo server (once per run) and returns its account. */
    public synchronized Account startDemo() throws IOException {
        if (demo == null) {
            demo = DemoMailbox.start(folder.path().resolve("demo"), clock);
        }
        return demo.account();
    }

    public synchronized boolean demoRunning() {
        return demo != null;
    }

    @Override
    public synchronized void close() {
        if (demo != null) {
            demo.close();
        }
        if (passwords != null) {
            passwords.close();
        }
    }
}
