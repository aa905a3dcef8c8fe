package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.DesktopTesting.find;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.security.LockState;
import org.padlockmail.ui.lock.LockIndicator;
import org.padlockmail.ui.main.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * README's first command on a fresh machine: no account, "Try the demo", the pinning prompt for the
 * demo server's self-signed certificate (IMAP, then SMTP), pinned locks, reading, and sending a message
 * that arrives in the demo mailbox. Everything real: GreenMail over TLS in this JVM, our connector.
 */
@ExtendWith(ApplicationExtension.class)
class DemoAccountUiTest {

    @TempDir
    static Path config;
    private DesktopTesting desktop;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        desktop = DesktopTesting.start(stage, config, Locale.ENGLISH);
    }

    @AfterEach
    void close() throws Exception {
        desktop.close();
    }

    @Test
    void aNewcomerPinsTheDemoServerReadsAndSendsMail(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#try-demo");

        // Two prompts, one after the other: the IMAP port's certificate, then the SMTP port's.
        for (int prompt = 1; prompt <= 2; prompt++) {
            waitUntil(Duration.ofSeconds(20), "certificate prompt " + prompt, () -> robot.lookup("#accept").tryQuery().isPresent());
            Button accept = robot.lookup("#accept").queryButton();
            assertTrue(onFx(() -> accept.getScene().getRoot().getStyleClass().contains("certificate-prompt")),
                    "a first-use prompt, not the mismatch warning");
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(accept);
            WaitForAsyncUtils.waitForFxEvents();
        }
        LockIndicator imap = robot.lookup("#imap-lock").queryAs(LockIndicator.class);
        LockIndicator smtp = robot.lookup("#smtp-lock").queryAs(LockIndicator.class);
        waitUntil(Duration.ofSeconds(20), "both locks pinned",
                () -> imap.getState() == LockState.PINNED && smtp.getState() == LockState.PINNED);
        assertEquals(2, desktop.session.pins().all().size(), "the IMAPS and SMTPS ports are pinned");

        @SuppressWarnings("unchecked")
        TableView<MessageRow> list = robot.lookup("#messages").queryAs(TableView.class);
        waitUntil(Duration.ofSeconds(20), "the demo INBOX listed", () -> list.getItems().size() == 50);
        assertEquals("Welcome to Padlock Mail", onFx(() -> list.getItems().get(0).subject()), "newest first");
        DesktopTesting.clickRow(robot, "Welcome to Padlock Mail");
        MainViewModel model = desktop.app.model();
        waitUntil(Duration.ofSeconds(10), "the message shown", () -> robot.lookup(".message-subject").tryQuery()
                .map(n -> ((javafx.scene.control.Label) n).getText().equals("Welcome to Padlock Mail")).orElse(false),
                () -> "status \"" + model.statusProperty().get() + "\", selected UID " + model.selectedUidProperty().get()
                        + ", selected rows " + list.getSelectionModel().getSelectedItems().stream().map(MessageRow::uid).toList()
                        + ", message " + (model.messageProperty().get() == null ? "none" : model.messageProperty().get().subject()));
        WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "main-window-en.png");

        // A word only in bodies never read here: the cache cannot find it, the server's search does.
        robot.clickOn("#search").write("Bernoulli");
        waitUntil(Duration.ofSeconds(20), "the server's hits listed", () -> list.getItems().size() == 5
                && list.getItems().stream().allMatch(r -> r.subject().contains("Notes on the engine")),
                () -> "status \"" + model.statusProperty().get() + "\", " + list.getItems().size() + " rows");
        waitUntil(Duration.ofSeconds(5), "the status says the server searched", () -> model.statusProperty().get()
                .equals("The server found 5 messages with these words."), () -> model.statusProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "server-search-en.png");
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#search").queryAs(TextField.class).clear()).get();
        waitUntil(Duration.ofSeconds(10), "the folder again", () -> list.getItems().size() == 50);
        assertEquals("", onFx(() -> model.statusProperty().get()), "the search's status leaves with it");

        robot.clickOn("#action-compose");
        waitUntil(Duration.ofSeconds(5), "the compose window", () -> find(robot, "#compose-to", TextField.class) != null);
        robot.clickOn("#compose-to").write("demo@padlock.demo");
        robot.clickOn("#compose-subject").write("Sent from the UI test");
        robot.clickOn("#compose-body").write("Through the outbox, over SMTPS, to the pinned demo server.");
        LockIndicator composeLock = robot.lookup("#compose-smtp-lock").queryAs(LockIndicator.class);
        assertEquals(LockState.PINNED, onFx(composeLock::getState), "the compose window shows the SMTP lock");
        robot.clickOn("#compose-send");

        waitUntil(Duration.ofSeconds(30), "the sent message in the INBOX", () -> {
            boolean arrived = list.getItems().stream().anyMatch(r -> "Sent from the UI test".equals(r.subject()));
            if (!arrived) {
                desktop.app.model().refresh(desktop.app.model().selectedAccountProperty().get());
            }
            return arrived;
        });
    }
}
