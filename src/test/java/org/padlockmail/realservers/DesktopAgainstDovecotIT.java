package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.config.ConfigFolder;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.LockState;
import org.padlockmail.testing.MemoryPasswords;
import org.padlockmail.testing.RealMailServers;
import org.padlockmail.ui.AppWindows;
import org.padlockmail.ui.ClientSession;
import org.padlockmail.ui.UiText;
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

    @TempDir
    static Path config;
    private ClientSession session;
    private AppWindows app;

    @Start
    void start(Stage stage) {
        session = new ClientSession(new ConfigFolder(config), new MemoryPasswords(), Clock.systemUTC());
        UiText text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", Locale.ENGLISH), Locale.ENGLISH, ZoneId.of("UTC"));
        app = new AppWindows(stage, session, new ClientSession.Preferences("", "light", List.of()), text, url -> { });
        app.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(Window.getWindows()).forEach(w -> ((Stage) w).close())).get();
        app.close();
        session.close();
    }

    @Test
    void setUpThroughTheWindowPinBothServersAndInspectTheConnection(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#add-account");
        waitUntil("the account window", () -> robot.lookup("#setup-address").tryQuery().isPresent());
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
        robot.clickOn("#setup-save");

        for (int prompt = 1; prompt <= 2; prompt++) {
            waitUntil("certificate prompt " + prompt, () -> robot.lookup("#accept").tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#accept");
            WaitForAsyncUtils.waitForFxEvents();
        }
        LockIndicator imap = robot.lookup("#imap-lock").queryAs(LockIndicator.class);
        LockIndicator smtp = robot.lookup("#smtp-lock").queryAs(LockIndicator.class);
        waitUntil("both locks pinned", () -> imap.getState() == LockState.PINNED && smtp.getState() == LockState.PINNED);
        assertEquals(1, session.accounts().all().size(), "the account is saved");
        assertEquals(2, session.pins().all().size());
        @SuppressWarnings("unchecked")
        TableView<Object> list = robot.lookup("#messages").queryAs(TableView.class);
        assertNotNull(list);
        waitUntil("the INBOX selected", () -> "INBOX".equals(app.model().selectedFolderProperty().get()));

        AccountItem alice = onFx(() -> app.model().accounts().get(0));
        ConnectionReport report = onFx(() -> alice.locks().imap().reportProperty().get());
        String negotiated = report.tls().cipherSuite();
        WaitForAsyncUtils.asyncFx(() -> app.preferences(alice)).get();
        waitUntil("the preferences", () -> robot.lookup("#prefs-account").tryQuery().isPresent());
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.clickOn("Connection details");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = onFx(() -> robot.lookup(".report-value").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList());
        assertTrue(shown.contains(negotiated), "the settings show the negotiated suite " + negotiated + ": " + shown);
        assertEquals("TLSv1.3", report.tls().protocol());
        write(onFx(() -> tabs.getScene().getRoot().snapshot(null, null)), "preferences-details-en.png");

        // The tab's own heading says "Pinned certificates" too, so the tab is chosen by position.
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(2)).get();
        @SuppressWarnings("unchecked")
        TableView<Object> pins = robot.lookup("#pins-table").queryAs(TableView.class);
        waitUntil("two pins listed", () -> pins.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        write(onFx(() -> tabs.getScene().getRoot().snapshot(null, null)), "preferences-pins-en.png");
        robot.clickOn(robot.lookup("#pins-table .table-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && (RealMailServers.HOST + ":" + RealMailServers.SUBMISSION).equals(l.getText())).queryAs(Node.class));
        robot.clickOn("#remove-pin");
        waitUntil("one pin left", () -> {
            try {
                return session.pins().all().size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(RealMailServers.IMAPS, session.pins().all().get(0).port(), "the SMTP pin was the one removed");
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (onFx(condition::getAsBoolean)) {
                return;
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("waited 30 s for: " + what);
    }

    private static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(javafx.scene.image.Image image, String name) throws Exception {
        java.awt.image.BufferedImage buffered = new java.awt.image.BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < buffered.getHeight(); y++) {
            for (int x = 0; x < buffered.getWidth(); x++) {
                buffered.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        Path file = Path.of("target", "ui-snapshots", name);
        java.nio.file.Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(buffered, "png", file.toFile());
    }
}
