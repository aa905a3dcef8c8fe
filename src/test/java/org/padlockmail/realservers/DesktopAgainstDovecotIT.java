package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.LockState;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.testing.RealMailServers;
import org.padlockmail.ui.AppWindows;
import org.padlockmail.ui.ClientSession;
import org.padlockmail.ui.lock.LockIndicator;
import org.padlockmail.ui.main.AccountItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app against real Dovecot and Postfix: an account set up through the account window
 * (manual settings, IMAPS and submission with STARTTLS), the pin prompt for each server's certificate
 * (issued by a CA the system does not know), pinned locks, the INBOX listed, the preferences showing
 * exactly the negotiated cipher suite, and a pin removed.
 */
@ExtendWith({RealMailServers.class, ApplicationExtension.class})
class DesktopAgainstDovecotIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path config;
    private DesktopTesting desktop;
    private ClientSession session;
    private AppWindows app;

    @Start
    void start(Stage stage) {
        desktop = DesktopTesting.start(stage, config, Locale.ENGLISH);
        session = desktop.session;
        app = desktop.app;
    }

    @AfterEach
    void close() throws Exception {
        desktop.close();
    }

    @Test
    void setUpThroughTheWindowPinBothServersAndInspectTheConnection(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#add-account");
        waitUntil(LIMIT, "the account window", () -> robot.lookup("#setup-address").tryQuery().isPresent());
        robot.clickOn("#setup-name").write("Alice");
        robot.clickOn("#setup-address").write(RealMailServers.ALICE);
        robot.clickOn("#setup-password").write(RealMailServers.alicePassword());
        robot.clickOn("#setup-imap-host").write(RealMailServers.HOST);
        robot.clickOn("#setup-imap-port").write(Integer.toString(RealMailServers.IMAPS));
        robot.clickOn("#setup-smtp-host").write(RealMailServers.HOST);
        robot.clickOn("#setup-smtp-port").write(Integer.toString(RealMailServers.SUBMISSION));
        robot.clickOn("#setup-smtp-mode");
        robot.clickOn("STARTTLS (required)");
        robot.clickOn("#setup-user").write(RealMailServers.ALICE);
        robot.clickOn("#setup-offline");
        robot.clickOn("Messages of the last 7 days");
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> robot.lookup("#setup-save").query().getScene().getRoot().snapshot(null, null)), "account-setup-en.png");
        robot.clickOn("#setup-save");

        for (int prompt = 1; prompt <= 2; prompt++) {
            waitUntil(LIMIT, "certificate prompt " + prompt, () -> robot.lookup("#accept").tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#accept");
            WaitForAsyncUtils.waitForFxEvents();
        }
        LockIndicator imap = robot.lookup("#imap-lock").queryAs(LockIndicator.class);
        LockIndicator smtp = robot.lookup("#smtp-lock").queryAs(LockIndicator.class);
        waitUntil(LIMIT, "both locks pinned", () -> imap.getState() == LockState.PINNED && smtp.getState() == LockState.PINNED);
        assertEquals(1, session.accounts().all().size(), "the account is saved");
        assertEquals(7, session.accounts().all().get(0).offlineDays(), "with the offline copies chosen");
        assertEquals(2, session.pins().all().size());
        @SuppressWarnings("unchecked")
        TableView<Object> list = robot.lookup("#messages").queryAs(TableView.class);
        assertNotNull(list);
        waitUntil(LIMIT, "the INBOX selected", () -> "INBOX".equals(app.model().selectedFolderProperty().get()));

        AccountItem alice = onFx(() -> app.model().accounts().get(0));
        ConnectionReport report = onFx(() -> alice.locks().imap().reportProperty().get());
        String negotiated = report.tls().cipherSuite();
        WaitForAsyncUtils.asyncFx(() -> app.preferences(alice)).get();
        waitUntil(LIMIT, "the preferences", () -> robot.lookup("#prefs-account").tryQuery().isPresent());
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.clickOn("Connection details");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = onFx(() -> robot.lookup(".report-value").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList());
        assertTrue(shown.contains(negotiated), "the settings show the negotiated suite " + negotiated + ": " + shown);
        assertEquals("TLSv1.3", report.tls().protocol());
        Snapshots.write(onFx(() -> tabs.getScene().getRoot().snapshot(null, null)), "preferences-details-en.png");

        // The tab's own heading says "Pinned certificates" too, so the tab is chosen by position.
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(2)).get();
        @SuppressWarnings("unchecked")
        TableView<Object> pins = robot.lookup("#pins-table").queryAs(TableView.class);
        waitUntil(LIMIT, "two pins listed", () -> pins.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> tabs.getScene().getRoot().snapshot(null, null)), "preferences-pins-en.png");
        robot.clickOn(robot.lookup("#pins-table .table-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && (RealMailServers.HOST + ":" + RealMailServers.SUBMISSION).equals(l.getText())).queryAs(Node.class));
        robot.clickOn("#remove-pin");
        waitUntil(LIMIT, "one pin left", () -> {
            try {
                return session.pins().all().size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(RealMailServers.IMAPS, session.pins().all().get(0).port(), "the SMTP pin was the one removed");
    }



}
