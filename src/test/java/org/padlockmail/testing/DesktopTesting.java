package org.padlockmail.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.padlockmail.config.ConfigFolder;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.ui.AppWindows;
import org.padlockmail.ui.ClientSession;
import org.padlockmail.ui.UiText;
import org.padlockmail.mail.PasswordStore;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The whole desktop app on a test's own stage and configuration folder, and ways to wait for it. */
public final class DesktopTesting {

    public final ClientSession session;
    public final AppWindows app;
    public final List<String> openedLinks = new ArrayList<>();

    private DesktopTesting(ClientSession session, AppWindows app) {
        this.session = session;
        this.app = app;
    }

    /** Builds and shows the app; call on the JavaFX thread (a TestFX @Start method). */
    public static DesktopTesting start(Stage stage, Path configFolder, Locale locale) {
        return start(stage, configFolder, locale, new MemoryPasswords());
    }

    public static DesktopTesting start(Stage stage, Path configFolder, Locale locale, PasswordStore passwords) {
        ClientSession session = new ClientSession(new ConfigFolder(configFolder), passwords, Clock.systemUTC());
        UiText text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", locale), locale, ZoneId.of("UTC"));
        List<String> links = new ArrayList<>();
        AppWindows app = new AppWindows(stage, session, new ClientSession.Preferences("", "light", List.of()), text, links::add);
        DesktopTesting desktop = new DesktopTesting(session, app);
        app.show();
        return desktop;
    }

    public void close() throws Exception {
        // Without asking "keep as draft?" in windows a test left open.
        // All handlers first: closing the main window closes its owned windows too.
        WaitForAsyncUtils.asyncFx(() -> {
            List<Window> windows = new ArrayList<>(Window.getWindows());
            windows.forEach(w -> w.setOnCloseRequest(null));
            windows.forEach(w -> ((Stage) w).close());
        }).get();
        app.close();
        session.close();
    }

    /** Waits for a condition checked on the JavaFX thread. */
    public static void waitUntil(Duration limit, String what, BooleanSupplier condition) {
        waitUntil(limit, what, condition, () -> "");
    }

    /** Waits for a condition checked on the JavaFX thread; a failure tells what {@code state} (read there too) was. */
    public static void waitUntil(Duration limit, String what, BooleanSupplier condition, Supplier<String> state) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (onFx(condition::getAsBoolean)) {
                return;
            }
            WaitForAsyncUtils.sleep(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        String seen = onFx(state::get);
        fail("waited " + limit.toSeconds() + " s for: " + what + (seen.isEmpty() ? "" : "; " + seen));
    }

    public static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first showing node with this id in any window, if any. */
    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).match(Node::isVisible).tryQueryAs(type).orElse(null);
    }

    /**
     * Clicks the message list's row showing this subject once it is drawn inside the list: a row is read
     * before its cell is laid out, and a cell not laid out yet sits where a click misses it.
     */
    public static void clickRow(FxRobot robot, String subject, KeyCode... held) {
        waitUntil(Duration.ofSeconds(10), "the row \"" + subject + "\" drawn", () -> drawnRow(robot, subject) != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(held);
        try {
            robot.clickOn(onFx(() -> drawnRow(robot, subject)));
        } finally {
            robot.release(held);
        }
    }

    private static TableRow<?> drawnRow(FxRobot robot, String subject) {
        return robot.lookup(".table-row-cell").match(node -> node instanceof TableRow<?> row && row.isVisible()
                        && row.getItem() instanceof MessageRow message && subject.equals(message.subject())
                        && row.getHeight() > 0
                        && centreInside(row, row.getTableView()))
                .tryQueryAs(TableRow.class).orElse(null);
    }

    private static boolean centreInside(Node node, Node container) {
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        return container.localToScene(container.getLayoutBounds()).contains(bounds.getCenterX(), bounds.getCenterY());
    }

    public static Parent root(Stage stage) {
        return stage.getScene().getRoot();
    }

    public static void runFx(Runnable work) {
        Platform.runLater(work);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
