package org.padlockmail.ui.lock;

import javafx.beans.binding.Bindings;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.SVGPath;
import javafx.util.Duration;
import org.padlockmail.security.LockState;

/** Draws the lock from shapes whose colours come from CSS, and turns clicks and keys into actions. */
final class LockIndicatorSkin extends SkinBase<LockIndicator> {

    private static final String CLOSED_SHACKLE = "M4 8 V5 a4 4 0 0 1 8 0 V8";
    private static final String OPEN_SHACKLE = "M4 8 V5 a4 4 0 0 1 8 0 V4";

    LockIndicatorSkin(LockIndicator control) {
        super(control);
        SVGPath shackle = new SVGPath();
        shackle.getStyleClass().add("lock-shackle");
        SVGPath body = new SVGPath();
        body.setContent("M2 8 h12 a1 1 0 0 1 1 1 v7 a1 1 0 0 1 -1 1 h-12 a1 1 0 0 1 -1 -1 v-7 a1 1 0 0 1 1 -1 z");
        body.getStyleClass().add("lock-body");
        SVGPath pin = new SVGPath();
        pin.setContent("M8 10.5 a1.6 1.6 0 1 1 0.01 0 z M7.4 12 h1.2 v3 h-1.2 z");
        pin.getStyleClass().add("lock-pin");
        Line halo = new Line(0, 18, 16, 1);
        halo.getStyleClass().add("lock-cross-halo"); // keeps the cross visible where it crosses the body
        Line cross = new Line(0, 18, 16, 1);
        cross.getStyleClass().add("lock-cross");
        Group lock = new Group(shackle, body, pin, halo, cross);
        lock.getStyleClass().add("lock-shape");

        Label label = new Label();
        label.getStyleClass().add("lock-label");
        label.textProperty().bind(control.serviceProperty());
        label.setMinWidth(Region.USE_PREF_SIZE); // "IMAP" must never shrink to "I..."

        HBox row = new HBox(4, lock, label);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().add(row);

        Runnable shape = () -> {
            LockState state = control.getState();
            shackle.setContent(state == LockState.INSECURE ? OPEN_SHACKLE : CLOSED_SHACKLE);
            pin.setVisible(state == LockState.PINNED);
            cross.setVisible(state == LockState.BLOCKED);
            halo.setVisible(state == LockState.BLOCKED);
        };
        control.stateProperty().addListener((o, was, now) -> shape.run());
        shape.run();

        Tooltip tooltip = new Tooltip();
        tooltip.setShowDelay(Duration.millis(300));
        tooltip.textProperty().bind(control.summaryProperty());
        control.summaryProperty().addListener((o, was, now) ->
                Tooltip.install(control, now == null || now.isBlank() ? null : tooltip));
        if (!control.summaryProperty().get().isBlank()) {
            Tooltip.install(control, tooltip);
        }
        control.accessibleTextProperty().bind(Bindings.concat(control.serviceProperty(), " ", control.summaryProperty()));

        control.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                control.requestFocus();
                control.fire();
            }
        });
        control.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                control.fire();
                e.consume();
            }
        });
    }
}
