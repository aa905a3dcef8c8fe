package org.padlockmail.ui.settings;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.padlockmail.mail.Account;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.ui.ClientSession;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.lock.ConnectionLocksViewModel;
import org.padlockmail.ui.main.AccountItem;
import org.padlockmail.ui.report.ConnectionReportView;
import org.padlockmail.ui.report.ConnectionReportViewModel;

/**
 * The preferences window. Per account: Security (servers, lowest TLS version, cipher suites, the
 * plaintext-password allowance) and Connection details (the last report of IMAP and SMTP). For all
 * accounts: pinned certificates, imported CAs. Application: language and theme.
 */
public final class PreferencesWindow {

    /** Applies a changed account (saved already) to the open connections. */
    public interface AccountChanges {
        void changed(AccountItem item, Account account);

        void editServers(AccountItem item);
    }

    private final Stage stage = new Stage();
    private final ClientSession session;
    private final UiText text;
    private final Executor fxThread;
    private final Executor background;
    private final TabPane tabs = new TabPane();
    private final List<String> supportedSuites;

    /** @param supportedSuites the cipher suites this JVM supports (read off the JavaFX thread by the caller) */
    public PreferencesWindow(ClientSession session, UiText text, List<AccountItem> accounts, AccountItem selected,
                             List<String> supportedSuites, AccountChanges changes, Consumer<String> themeChanged, Window owner, List<String> stylesheets,
                             Executor fxThread, Executor background) {
        this.session = session;
        this.text = text;
        this.fxThread = fxThread;
        this.background = background;
        this.supportedSuites = supportedSuites;
        stage.initOwner(owner);
        stage.setTitle(text.get("prefs.title"));

        Tab security = new Tab(text.get("prefs.security"));
        security.setId("prefs-security");
        Tab details = new Tab(text.get("prefs.details"));
        details.setId("prefs-details");
        ComboBox<AccountItem> account = new ComboBox<>();
        account.getItems().setAll(accounts);
        account.setId("prefs-account");
        Runnable showAccount = () -> {
            AccountItem item = account.getValue();
            security.setContent(item == null ? empty("prefs.noAccount") : securityPane(item, changes));
            details.setContent(item == null ? empty("prefs.noAccount") : detailsPane(item));
        };
        account.valueProperty().addListener((o, was, now) -> showAccount.run());
        account.setValue(selected != null ? selected : accounts.isEmpty() ? null : accounts.get(0));
        showAccount.run();

        PinnedCertificatesViewModel pins = new PinnedCertificatesViewModel(session.pins(), text, background, fxThread);
        Tab pinned = new Tab(text.get("pins.title"), new PinnedCertificatesView(pins));
        pinned.setId("prefs-pins");
        pinned.setOnSelectionChanged(e -> {
            if (pinned.isSelected()) {
                pins.refresh();
            }
        });
        Tab cas = new Tab(text.get("cas.title"), importedCas());
        cas.setId("prefs-cas");
        Tab application = new Tab(text.get("prefs.application"), application(themeChanged));
        application.setId("prefs-application");
        tabs.getTabs().addAll(security, details, pinned, cas, application);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        HBox accountRow = new HBox(10, new Label(text.get("prefs.account")), account);
        accountRow.setAlignment(Pos.CENTER_LEFT);
        accountRow.setPadding(new Insets(10, 12, 0, 12));
        VBox root = new VBox(8, accountRow, tabs);
        javafx.scene.layout.VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
        Scene scene = new Scene(root, 860, 680);
        scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
    }

    public Stage stage() {
        return stage;
    }

    public TabPane tabs() {
        return tabs;
    }

    public void show() {
        stage.show();
    }

    private Node securityPane(AccountItem item, AccountChanges changes) {
        Account account = item.account();
        GridPane servers = new GridPane();
        servers.setHgap(12);
        servers.setVgap(4);
        servers.addRow(0, bold("IMAP"), new Label(account.imap().host() + ":" + account.imap().port()),
                new Label(text.get("report.mode." + account.imap().security().name().toLowerCase(java.util.Locale.ROOT))));
        servers.addRow(1, bold("SMTP"), new Label(account.smtp().host() + ":" + account.smtp().port()),
                new Label(text.get("report.mode." + account.smtp().security().name().toLowerCase(java.util.Locale.ROOT))));
        Button edit = new Button(text.get("prefs.editServers"));
        edit.setOnAction(e -> changes.editServers(item));
        VBox box = new VBox(8, servers, edit);
        box.setPadding(new Insets(16, 16, 0, 16));
        TlsSettingsView tls = new TlsSettingsView(new TlsSettingsViewModel(account, supportedSuites), text, changed ->
                CompletableFuture.runAsync(() -> {
                    try {
                        session.accounts().save(changed);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                }, background).whenComplete((v, e) -> fxThread.execute(() -> {
                    if (e == null) {
                        changes.changed(item, changed);
                    }
                })));
        VBox pane = new VBox(box, tls);
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node detailsPane(AccountItem item) {
        VBox box = new VBox(16);
        box.setPadding(new Insets(12));
        for (ConnectionLocksViewModel.Lock lock : List.of(item.locks().imap(), item.locks().smtp())) {
            ConnectionReport report = lock.reportProperty().get();
            box.getChildren().add(report == null ? empty("prefs.noReport")
                    : new ConnectionReportView(new ConnectionReportViewModel(report, text)));
        }
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node importedCas() {
        ListView<Path> files = new ListView<>();
        files.setId("cas-list");
        files.setPlaceholder(new Label(text.get("cas.empty")));
        Label problem = new Label();
        problem.setWrapText(true);
        Runnable reload = () -> CompletableFuture.supplyAsync(() -> {
            try {
                return session.importedCaFiles();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((list, e) -> fxThread.execute(() -> {
            if (e == null) {
                files.getItems().setAll(list);
            } else {
                problem.setText(e.getCause().getMessage());
            }
        }));
        Button add = new Button(text.get("cas.add"));
        add.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PEM", "*.pem", "*.crt", "*.cer"));
            File file = chooser.showOpenDialog(stage);
            if (file != null) {
                background.execute(() -> {
                    try {
                        session.importCa(file.toPath());
                        fxThread.execute(() -> problem.setText(text.get("cas.appliesNext")));
                    } catch (IOException ex) {
                        fxThread.execute(() -> problem.setText(ex.getMessage()));
                    }
                    reload.run();
                });
            }
        });
        Button remove = new Button(text.get("cas.remove"));
        remove.disableProperty().bind(files.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            Path file = files.getSelectionModel().getSelectedItem();
            background.execute(() -> {
                try {
                    session.removeCa(file);
                } catch (IOException ex) {
                    fxThread.execute(() -> problem.setText(ex.getMessage()));
                }
                reload.run();
            });
        });
        files.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName().toString());
            }
        });
        reload.run();
        Label explanation = new Label(text.get("cas.explanation"));
        explanation.setWrapText(true);
        VBox box = new VBox(10, explanation, files, new HBox(10, add, remove), problem);
        box.setPadding(new Insets(16));
        return box;
    }

    private Node application(Consumer<String> themeChanged) {
        ComboBox<String> language = new ComboBox<>();
        language.setId("prefs-language");
        language.getItems().setAll("", "en", "zh-CN");
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(String tag) {
                return tag == null ? "" : switch (tag) {
                    case "en" -> "English";
                    case "zh-CN" -> "简体中文";
                    default -> text.get("prefs.languageSystem");
                };
            }

            @Override
            public String fromString(String string) {
                return null;
            }
        });
        ComboBox<String> theme = new ComboBox<>();
        theme.setId("prefs-theme");
        theme.getItems().setAll(ClientSession.Preferences.LIGHT, ClientSession.Preferences.DARK);
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : text.get(ClientSession.Preferences.DARK.equals(value) ? "prefs.themeDark" : "prefs.themeLight");
            }

            @Override
            public String fromString(String string) {
                return null;
            }
        });
        Label note = new Label();
        note.setWrapText(true);
        CompletableFuture.supplyAsync(() -> {
            try {
                return session.preferences();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).thenAccept(current -> fxThread.execute(() -> {
            language.setValue(current.language());
            theme.setValue(current.theme());
            language.valueProperty().addListener((o, was, now) -> {
                update(p -> p.withLanguage(now));
                note.setText(text.get("prefs.languageRestart"));
            });
            theme.valueProperty().addListener((o, was, now) -> {
                update(p -> p.withTheme(now));
                themeChanged.accept(now);
            });
        }));
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, new Label(text.get("prefs.language")), language);
        grid.addRow(1, new Label(text.get("prefs.theme")), theme);
        grid.add(note, 0, 2, 2, 1);
        grid.setPadding(new Insets(16));
        return grid;
    }

    private void update(java.util.function.UnaryOperator<ClientSession.Preferences> change) {
        background.execute(() -> {
            try {
                session.updatePreferences(change);
            } catch (IOException e) {
                Platform.runLater(() -> stage.setTitle(text.get("prefs.title") + " — " + e.getMessage()));
            }
        });
    }

    private Label empty(String key) {
        Label label = new Label(text.get(key));
        label.setPadding(new Insets(16));
        label.setWrapText(true);
        return label;
    }

    private static Label bold(String value) {
        Label label = new Label(value);
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }
}
