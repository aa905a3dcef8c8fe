package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.SVGPath;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.security.LockState;
import org.padlockmail.ui.lock.LockIndicator;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The lock indicator in every state, driven headless, with a snapshot for a human to look at. */
@ExtendWith(ApplicationExtension.class)
class LockIndicatorTest {

    private final List<LockIndicator> locks = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private HBox row;

    @Start
    void start(Stage stage) {
        row = new HBox(12);
        row.setPadding(new Insets(12));
        for (LockState state : LockState.values()) {
            LockIndicator lock = new LockIndicator();
            lock.setState(state);
            lock.serviceProperty().set(state.ordinal() % 2 == 0 ? "IMAP" : "SMTP");
            lock.summaryProperty().set("TLS 1.3 · TLS_AES_256_GCM_SHA384 · x25519 · " + state.id());
            lock.setId("lock-" + state.id());
            lock.onActionProperty().set(e -> opened.incrementAndGet());
            locks.add(lock);
            row.getChildren().add(lock);
        }
        stage.setScene(new Scene(row));
        stage.show();
    }

    @Test
    void eachStateHasItsPseudoClassAndShape(FxRobot robot) {
        for (LockIndicator lock : locks) {
            for (LockState other : LockState.values()) {
                assertEquals(other == lock.getState(), lock.getPseudoClassStates().contains(PseudoClass.getPseudoClass(other.id())),
                        lock.getState() + " vs " + other);
            }
        }
        assertTrue(cross(lock(LockState.BLOCKED)).isVisible(), "blocked is a crossed lock");
        assertFalse(cross(lock(LockState.SECURE)).isVisible());
        assertTrue(pin(lock(LockState.PINNED)).isVisible(), "pinned has its pin mark");
        assertFalse(pin(lock(LockState.SECURE)).isVisible());
        String open = shackle(lock(LockState.INSECURE)).getContent();
        assertFalse(open.equals(shackle(lock(LockState.SECURE)).getContent()), "plaintext shows an open shackle");

        robot.interact(() -> lock(LockState.SECURE).setState(LockState.BLOCKED));
        assertTrue(cross(lock(LockState.BLOCKED)).isVisible());
    }

    @Test
    void clickingOrPressingEnterOpensTheReport(FxRobot robot) {
        robot.clickOn("#lock-secure");
        assertEquals(1, opened.get());
        robot.interact(() -> lock(LockState.PINNED).requestFocus());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(2, opened.get());
    }

    @Test
    void theSummaryIsTheAccessibleText() {
        assertEquals("IMAP TLS 1.3 · TLS_AES_256_GCM_SHA384 · x25519 · secure", lock(LockState.SECURE).getAccessibleText());
    }

    @Test
    void snapshotForAHumanToLookAt(FxRobot robot) throws IOException {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = row.snapshot(null, null));
        Path file = Snapshots.write(shot[0], "lock-indicators.png");
        assertTrue(Files.size(file) > 0);
    }

    private LockIndicator lock(LockState state) {
        return locks.stream().filter(l -> l.getId().equals("lock-" + state.id())).findFirst().orElseThrow();
    }

    private static Node part(LockIndicator lock, String styleClass) {
        return lock.lookup("." + styleClass);
    }

    private static Line cross(LockIndicator lock) {
        return (Line) part(lock, "lock-cross");
    }

    private static SVGPath pin(LockIndicator lock) {
        return (SVGPath) part(lock, "lock-pin");
    }

    private static SVGPath shackle(LockIndicator lock) {
        return (SVGPath) part(lock, "lock-shackle");
    }
}
