package org.padlockmail.ui;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.padlockmail.mail.Account;
import java.nio.file.Path;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.mail.MessageContents;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Refusal;
import org.padlockmail.ui.account.AccountSetupViewModel;
import org.padlockmail.ui.account.AccountSetupWindow;
import org.padlockmail.ui.certificate.CertificatePromptView;
import org.padlockmail.ui.certificate.CertificatePromptViewModel;
import org.padlockmail.ui.certificate.CertificatePromptViewModel.Decision;
import org.padlockmail.ui.compose.ComposeViewModel;
import org.padlockmail.ui.compose.ComposeWindow;
import org.padlockmail.ui.lock.ConnectionLocksViewModel;
import org.padlockmail.ui.main.AccountItem;
import org.padlockmail.ui.main.MainViewModel;
import org.padlockmail.ui.main.MainWindow;
import org.padlockmail.ui.message.MessageView;
import org.padlockmail.ui.message.MessageViewModel;
import org.padlockmail.ui.report.ConnectionReportView;
import org.padlockmail.ui.report.ConnectionReportViewModel;
import org.padlockmail.ui.settings.PreferencesWindow;

/**
 * The desktop app's windows and how they reach each other: the main window, compose, account setup,
 * preferences, the connection report and the certificate prompts. Tests build it on a stage of their
 * own with a configuration folder of their own.
 */
public final class AppWindows implements MainWindow.Actions, AutoCloseable {

    private static final String APP_CSS = AppWindows.class.getResource("padlock.css").toExternalForm();

    private final Stage stage;
    private final ClientSession session;
    private final UiText text;
    private final Consumer<String> browser;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "padlock-background");
        thread.setDaemon(true);
        return thread;
    });
    private final MainViewModel model;
    private final MainWindow window;
    private CompletableFuture<Decision> lastQuestion = CompletableFuture.completedFuture(null);

    /**
     * @param browser opens a URL in the system browser (after the user agreed)
     */
    public AppWindows(Stage stage, ClientSession session, ClientSession.Preferences preferences, UiText text, Consumer<String> browser) {
        this.stage = stage;
        this.session = session;
        this.text = text;
        this.browser = browser;
        applyTheme(preferences.theme());
        model = new MainViewModel(session, text, Platform::runLater, background, this::askAboutCertificate);
        Set<String> trustedSenders = new HashSet<>(preferences.remoteContentSenders());
        MessageViewModel reader = new MessageViewModel(trustedSenders, sender -> background.execute(() -> {
            try {
                session.updatePreferences(p -> p.withRemoteContentFrom(sender));
            } catch (IOException e) {
                Platform.runLater(() -> model.statusProperty().set(e.getMessage()));
            }
        }));
        window = new MainWindow(model, reader, this);
        Scene scene = new Scene(window, 1280, 800);
        scene.getStylesheets().add(APP_CSS);
        stage.setScene(scene);
        stage.setTitle("Padlock Mail");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new Image(AppWindows.class.getResource("/icons/padlock-mail-" + size + ".png").toExternalForm()));
        }
        stage.setOnHidden(e -> close());
    }

    public MainViewModel model() {
        return model;
    }

    public MainWindow window() {
        return window;
    }

    /** Shows the window and opens the saved accounts in the background. */
    public void show() {
        stage.show();
        model.loadAccounts();
    }

    static void applyTheme(String theme) {
        Application.setUserAgentStylesheet(ClientSession.Preferences.DARK.equals(theme)
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private List<String> stylesheets() {
        return List.of(APP_CSS);
    }

    @Override
    public void compose(MessageDraft draft) {
        openCompose(draft, null);
    }

    private void openCompose(MessageDraft draft, String draftId) {
        List<String> known = new ArrayList<>();
        for (MessageRow row : model.visibleRows()) {
            if (row.from() != null && !known.contains(row.from())) {
                known.add(row.from());
            }
            row.to().stream().filter(t -> !known.contains(t)).forEach(known::add);
        }
        ComposeViewModel compose = new ComposeViewModel(text, model.accounts(), model.selectedAccountProperty().get(), known,
                model::send, Platform::runLater, background);
        if (draft != null) {
            compose.fill(draft, draftId);
        }
        new ComposeWindow(compose, text, stage, stylesheets()).show();
    }

    @Override
    public void addAccount() {
        setup(null);
    }

    @Override
    public void editAccount(AccountItem account) {
        setup(account);
    }

    private void setup(AccountItem existing) {
        AccountSetupViewModel setup = new AccountSetupViewModel(session, text, existing == null ? null : existing.account(),
                Platform::runLater, background, background);
        new AccountSetupWindow(setup, text, stage, stylesheets(), saved -> {
            if (existing == null) {
                background.execute(() -> model.add(saved));
            } else {
                model.reopen(existing, saved);
            }
        }).show();
    }

    @Override
    public void removeAccount(AccountItem account) {
        ButtonType remove = new ButtonType(text.get("account.remove"), ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text.format("account.removeQuestion", account.account().address()),
                remove, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setHeaderText(null);
        ask.showAndWait().filter(remove::equals).ifPresent(b -> model.remove(account));
    }

    /** Lists the selected account's local drafts by subject; the chosen one opens in a compose window. */
    @Override
    public void continueDraft() {
        AccountItem account = model.selectedAccountProperty().get();
        if (account == null) {
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            List<java.util.Map.Entry<String, MessageDraft>> drafts = new ArrayList<>();
            try {
                for (String id : account.drafts().ids()) {
                    account.drafts().load(id).ifPresent(d -> drafts.add(java.util.Map.entry(id, d)));
                }
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
            return drafts;
        }, background).whenComplete((drafts, e) -> Platform.runLater(() -> {
            if (e != null) {
                model.statusProperty().set(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                return;
            }
            if (drafts.isEmpty()) {
                model.statusProperty().set(text.get("drafts.none"));
                return;
            }
            javafx.scene.control.ChoiceDialog<java.util.Map.Entry<String, MessageDraft>> choose =
                    new javafx.scene.control.ChoiceDialog<>(drafts.get(0), drafts) {
                    };
            choose.initOwner(stage);
            choose.setHeaderText(text.get("drafts.choose"));
            choose.setTitle(text.get("action.continueDraft"));
            javafx.scene.control.ComboBox<?> box = (javafx.scene.control.ComboBox<?>) choose.getDialogPane().lookup(".combo-box");
            if (box != null) {
                @SuppressWarnings("unchecked")
                javafx.scene.control.ComboBox<java.util.Map.Entry<String, MessageDraft>> typed =
                        (javafx.scene.control.ComboBox<java.util.Map.Entry<String, MessageDraft>>) box;
                typed.setConverter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(java.util.Map.Entry<String, MessageDraft> draft) {
                        return draft == null ? "" : draft.getValue().subject() == null || draft.getValue().subject().isBlank()
                                ? text.get("reader.noSubject") : draft.getValue().subject();
                    }

                    @Override
                    public java.util.Map.Entry<String, MessageDraft> fromString(String string) {
                        return null;
                    }
                });
            }
            choose.showAndWait().ifPresent(draft -> openCompose(draft.getValue(), draft.getKey()));
        }));
    }

    /** Opens the preferences once this JVM's cipher suites are known (the default TLS context reads the trust store). */
    @Override
    public void preferences(AccountItem account) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
            } catch (java.security.NoSuchAlgorithmException e) {
                return List.<String>of();
            }
        }, background).thenAccept(suites -> Platform.runLater(() -> openPreferences(account, suites)));
    }

    private void openPreferences(AccountItem account, List<String> supportedSuites) {
        new PreferencesWindow(session, text, model.accounts(), account, supportedSuites, new PreferencesWindow.AccountChanges() {
            @Override
            public void changed(AccountItem item, Account changed) {
                model.reopen(item, changed);
            }

            @Override
            public void editServers(AccountItem item) {
                editAccount(item);
            }
        }, AppWindows::applyTheme, stage, stylesheets(), Platform::runLater, background).show();
    }

    @Override
    public void showReport(ConnectionLocksViewModel.Lock lock) {
        if (lock.reportProperty().get() == null) {
            return;
        }
        ConnectionReportView view = new ConnectionReportView(new ConnectionReportViewModel(lock.reportProperty().get(), text));
        Stage report = new Stage();
        report.initOwner(stage);
        report.setTitle(text.get("report.window"));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(view);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 720, 640);
        scene.getStylesheets().add(APP_CSS);
        report.setScene(scene);
        report.show();
    }

    @Override
    public void openLink(String url) {
        ButtonType open = new ButtonType(text.get("link.open"), ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, url, open, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setHeaderText(text.get("link.question"));
        ask.showAndWait().filter(open::equals).ifPresent(b -> browser.accept(url));
    }

    @Override
    public void saveAttachment(AccountItem account, String folder, MessageContent message, MessageContent.Attachment attachment) {
        FileChooser chooser = new FileChooser();
        if (attachment.fileName() != null) {
            chooser.setInitialFileName(new File(attachment.fileName()).getName());
        }
        File target = chooser.showSaveDialog(stage);
        if (target == null || account == null) {
            return;
        }
        account.mail().saveAttachment(folder, message.uid(), attachment.index(), target.toPath())
                .whenComplete((size, e) -> Platform.runLater(() -> model.statusProperty().set(e == null
                        ? text.format("attachment.saved", target.getName(), text.size(size)) : e.getMessage())));
    }

    /**
     * Saves the attachment into a folder of its own under the system's temporary directory and hands it
     * to the program the desktop uses for its type, after the user confirmed by name.
     */
    @Override
    public void openAttachment(AccountItem account, String folder, MessageContent message, MessageContent.Attachment attachment) {
        if (account == null) {
            return;
        }
        String name = attachment.fileName() == null ? "attachment" : new File(attachment.fileName()).getName();
        ButtonType open = new ButtonType(text.get("attachment.open"), ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text.format("attachment.openQuestion", name), open, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setHeaderText(null);
        if (ask.showAndWait().filter(open::equals).isEmpty()) {
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                return java.nio.file.Files.createTempDirectory("padlock-mail-").resolve(name);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).thenCompose(target -> account.mail().saveAttachment(folder, message.uid(), attachment.index(), target)
                .thenApply(size -> target)).whenComplete((target, e) -> Platform.runLater(() -> {
                    if (e == null) {
                        browser.accept(target.toUri().toString());
                    } else {
                        model.statusProperty().set(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    }
                }));
    }

    /** Shows a saved message (.eml) in a viewer window: parsed off the JavaFX thread, remote content blocked as always. */
    public void openMessageFile(Path file) {
        CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
                        jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                return java.util.Map.entry(message, MessageContents.of(0, message));
            } catch (IOException | jakarta.mail.MessagingException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).whenComplete((parsed, e) -> Platform.runLater(() -> {
            if (e != null) {
                Alert problem = new Alert(Alert.AlertType.ERROR, text.format("eml.unreadable", file.getFileName(),
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                problem.initOwner(stage);
                problem.show();
                return;
            }
            MessageViewModel viewer = new MessageViewModel(new HashSet<>(), sender -> { });
            MessageView view = new MessageView(viewer, text, this::openLink, new MessageView.AttachmentActions() {
                @Override
                public void save(MessageContent content, MessageContent.Attachment attachment) {
                    FileChooser chooser = new FileChooser();
                    chooser.setInitialFileName(attachment.fileName() == null ? "attachment" : new File(attachment.fileName()).getName());
                    File target = chooser.showSaveDialog(stage);
                    if (target != null) {
                        background.execute(() -> {
                            try (java.io.InputStream in = MessageContents.attachmentPart(parsed.getKey(), attachment.index()).getInputStream()) {
                                java.nio.file.Files.copy(in, target.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            } catch (IOException | jakarta.mail.MessagingException ex) {
                                Platform.runLater(() -> model.statusProperty().set(ex.getMessage()));
                            }
                        });
                    }
                }

                @Override
                public void open(MessageContent content, MessageContent.Attachment attachment) {
                    String name = attachment.fileName() == null ? "attachment" : new File(attachment.fileName()).getName();
                    background.execute(() -> {
                        try (java.io.InputStream in = MessageContents.attachmentPart(parsed.getKey(), attachment.index()).getInputStream()) {
                            Path target = java.nio.file.Files.createTempDirectory("padlock-mail-").resolve(name);
                            java.nio.file.Files.copy(in, target);
                            Platform.runLater(() -> browser.accept(target.toUri().toString()));
                        } catch (IOException | jakarta.mail.MessagingException ex) {
                            Platform.runLater(() -> model.statusProperty().set(ex.getMessage()));
                        }
                    });
                }
            });
            viewer.messageProperty().set(parsed.getValue());
            Stage window = new Stage();
            window.initOwner(stage);
            window.setTitle(parsed.getValue().subject() == null ? file.getFileName().toString() : parsed.getValue().subject());
            Scene scene = new Scene(view, 820, 680);
            scene.getStylesheets().add(APP_CSS);
            window.setScene(scene);
            window.show();
        }));
    }

    @Override
    public void quit() {
        stage.close();
    }

    /** One certificate question on screen at a time: two side by side would be easy to confuse. */
    private CompletableFuture<Decision> askAboutCertificate(Endpoint endpoint, Refusal refusal) {
        CompletableFuture<Decision> asked = lastQuestion.handle((d, e) -> null)
                .thenComposeAsync(previous -> showCertificatePrompt(endpoint, refusal), Platform::runLater);
        lastQuestion = asked;
        return asked;
    }

    /** The certificate prompt as a modal window; Cancel, closing the window or Escape all mean "do not trust". */
    private CompletableFuture<Decision> showCertificatePrompt(Endpoint endpoint, Refusal refusal) {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        CertificatePromptViewModel prompt = new CertificatePromptViewModel(endpoint, refusal, text);
        Stage dialog = new Stage();
        dialog.initOwner(stage);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(prompt.title() + " — " + endpoint.service() + " " + endpoint.address());
        Scene scene = new Scene(new CertificatePromptView(prompt), prompt.mismatch() ? 900 : 680, prompt.mismatch() ? 620 : 640);
        scene.getStylesheets().add(APP_CSS);
        dialog.setScene(scene);
        prompt.decisionProperty().addListener((o, was, now) -> {
            if (now != null) {
                decision.complete(now);
                dialog.close();
            }
        });
        dialog.setOnHidden(e -> decision.complete(Decision.CANCEL));
        dialog.show();
        return decision;
    }

    @Override
    public void close() {
        model.close();
        background.shutdownNow();
    }
}
