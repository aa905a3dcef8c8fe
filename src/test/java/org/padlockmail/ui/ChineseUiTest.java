package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.security.LockState;
import org.padlockmail.ui.lock.LockIndicator;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole app in Simplified Chinese on the demo account: texts from the Chinese bundle, snapshots for a human. */
@ExtendWith(ApplicationExtension.class)
class ChineseUiTest {

    @TempDir
    static Path config;
    private DesktopTesting desktop;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        desktop = DesktopTesting.start(stage, config, Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void close() throws Exception {
        desktop.close();
    }

    @Test
    void theMainWindowAndThePreferencesInChinese(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "welcome-zh.png");
        assertEquals("试用演示账户", robot.lookup("#try-demo").queryButton().getText());
        robot.clickOn("#try-demo");
        for (int prompt = 1; prompt <= 2; prompt++) {
            waitUntil(Duration.ofSeconds(20), "certificate prompt " + prompt, () -> robot.lookup("#accept").tryQuery().isPresent());
            Button accept = robot.lookup("#accept").queryButton();
            assertEquals("信任此证书", onFx(accept::getText));
            if (prompt == 1) {
                Snapshots.write(onFx(() -> accept.getScene().getRoot().snapshot(null, null)), "certificate-prompt-app-zh.png");
            }
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(accept);
            WaitForAsyncUtils.waitForFxEvents();
        }
        LockIndicator imap = robot.lookup("#imap-lock").queryAs(LockIndicator.class);
        waitUntil(Duration.ofSeconds(20), "the IMAP lock pinned", () -> imap.getState() == LockState.PINNED);
        @SuppressWarnings("unchecked")
        TableView<MessageRow> list = robot.lookup("#messages").queryAs(TableView.class);
        waitUntil(Duration.ofSeconds(20), "the demo INBOX listed", () -> list.getItems().size() == 50);
        DesktopTesting.clickRow(robot, "项目进度报告");
        waitUntil(Duration.ofSeconds(10), "the Chinese message shown", () -> robot.lookup(".message-subject").tryQuery()
                .map(n -> ((Label) n).getText().equals("项目进度报告")).orElse(false));
        WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "main-window-zh.png");

        // The server's search reports in Chinese too.
        robot.clickOn("#search").write("Bernoulli");
        waitUntil(Duration.ofSeconds(30), "the server's search reported", () -> desktop.app.model().statusProperty().get()
                .startsWith("服务器找到 5 封"), () -> desktop.app.model().statusProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "search-server-zh.png");
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#search").queryAs(javafx.scene.control.TextField.class).clear()).get();

        // The account window, with its offline copies.
        WaitForAsyncUtils.asyncFx(() -> desktop.app.editAccount(desktop.app.model().accounts().get(0))).get();
        waitUntil(Duration.ofSeconds(10), "the account window", () -> robot.lookup("#setup-offline").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> offline = robot.lookup("#setup-offline").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("最近 30 天的邮件", onFx(() -> offline.getConverter().toString(offline.getValue())));
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> offline.getScene().getRoot().snapshot(null, null)), "account-setup-zh.png");
        WaitForAsyncUtils.asyncFx(() -> ((Stage) offline.getScene().getWindow()).close()).get();

        WaitForAsyncUtils.asyncFx(() -> desktop.app.preferences(desktop.app.model().accounts().get(0))).get();
        waitUntil(Duration.ofSeconds(10), "the preferences", () -> robot.lookup("#prefs-account").tryQuery().isPresent());
        Window preferences = robot.lookup("#prefs-account").query().getScene().getWindow();
        assertEquals("首选项", onFx(() -> ((Stage) preferences).getTitle()));
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> preferences.getScene().getRoot().snapshot(null, null)), "preferences-security-zh.png");
    }
}
