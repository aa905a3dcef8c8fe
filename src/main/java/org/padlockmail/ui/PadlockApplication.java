package org.padlockmail.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.padlockmail.config.ConfigFolder;
import org.padlockmail.mail.FilePasswordStore;
import org.padlockmail.mail.KeyringPasswordStore;
import org.padlockmail.mail.MailtoLink;
import org.padlockmail.security.SecretsFile;

/** The desktop app: reads the settings off the JavaFX thread (in {@link #init()}), then opens the main window. */
public final class PadlockApplication extends Application {

    /**
     * The preferences, read while the JavaFX toolkit starts (reading JSON loads its library, time that
     * would otherwise come after the toolkit and before the first window).
     */
    private static final CompletableFuture<ClientSession.Preferences> PREFERENCES = CompletableFuture.supplyAsync(() -> {
        try {
            return ClientSession.preferencesIn(ConfigFolder.forCurrentUser());
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    });

    /** System property set by packaging/TrainStartCache.java. */
    static final String EXIT_AFTER_FIRST_WINDOW = "padlock.exitAfterFirstWindow";

    private ClientSession session;
    private ClientSession.Preferences preferences;
    private UiText text;

    /** Starts reading the preferences; called before the toolkit starts, so that both run at once. */
    public static void prepare() {
        PREFERENCES.isDone();
    }

    @Override
    public void init() throws IOException {
        ConfigFolder folder = ConfigFolder.forCurrentUser();
        // Preferences first: the language decides the texts of every prompt, including the primary password's.
        try {
            preferences = PREFERENCES.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        Locale locale = locale(preferences.language());
        text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", locale), locale, ZoneId.systemDefault());
        UiText prompts = text;
        session = new ClientSession(folder, () -> KeyringPasswordStore.ifAvailable().orElseGet(() -> new FilePasswordStore(
                new SecretsFile(folder.path().resolve("passwords.enc")), new PrimaryPasswordPrompt(prompts))),
                Clock.systemDefaultZone());
    }

    @Override
    public void start(Stage stage) {
        AppWindows windows = new AppWindows(stage, session, preferences, text, url -> getHostServices().showDocument(url));
        windows.show();
        if (Boolean.getBoolean(EXIT_AFTER_FIRST_WINDOW)) {
            // The installer build starts the app once this way and records what a start loads (the AOT
            // cache): once the first window has been painted, there is nothing more to learn.
            PauseTransition painted = new PauseTransition(javafx.util.Duration.seconds(1));
            painted.setOnFinished(event -> Platform.exit());
            painted.play();
        }
        for (String argument : getParameters().getRaw()) {
            if (MailtoLink.isMailto(argument)) {
                windows.compose(MailtoLink.parse(argument));
            } else {
                windows.openMessageFile(Path.of(argument));
            }
        }
    }

    @Override
    public void stop() {
        session.close();
    }

    /** "" follows the system; otherwise a language tag such as "en" or "zh-CN". */
    static Locale locale(String tag) {
        return tag == null || tag.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(tag);
    }
}
