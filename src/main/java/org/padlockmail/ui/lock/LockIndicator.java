package org.padlockmail.ui.lock;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import org.padlockmail.security.LockState;

/**
 * The lock of one connection (IMAP or SMTP), as SECURITY.md defines it: closed and green when secure,
 * closed with a pin mark and blue when pinned, open and red when plaintext, crossed and red when
 * blocked, grey without a live connection. Hovering shows the one-line summary; clicking (or Enter /
 * Space) fires {@link #onActionProperty()}, which opens the connection report.
 *
 * <p>Styled by {@code lock-indicator.css}: style class {@code lock-indicator}, pseudo-classes
 * {@code :secure :pinned :insecure :blocked :connecting :offline}, and the parts {@code .lock-body},
 * {@code .lock-shackle}, {@code .lock-pin}, {@code .lock-cross}, {@code .lock-label}.
 */
public final class LockIndicator extends Control {

    private final ObjectProperty<LockState> state = new SimpleObjectProperty<>(this, "state", LockState.OFFLINE) {
        @Override
        protected void invalidated() {
            for (LockState each : LockState.values()) {
                pseudoClassStateChanged(pseudoClass(each), each == get());
            }
        }
    };
    private final StringProperty service = new SimpleStringProperty(this, "service", "");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final ObjectProperty<EventHandler<ActionEvent>> onAction = new SimpleObjectProperty<>(this, "onAction") {
        @Override
        protected void invalidated() {
            setEventHandler(ActionEvent.ACTION, get());
        }
    };

    public LockIndicator() {
        getStyleClass().add("lock-indicator");
        setAccessibleRole(AccessibleRole.BUTTON);
        setFocusTraversable(true);
        pseudoClassStateChanged(pseudoClass(LockState.OFFLINE), true);
    }

    static PseudoClass pseudoClass(LockState state) {
        return PseudoClass.getPseudoClass(state.id());
    }

    public ObjectProperty<LockState> stateProperty() {
        return state;
    }

    public LockState getState() {
        return state.get();
    }

    public void setState(LockState value) {
        state.set(value);
    }

    /** "IMAP" or "SMTP", shown next to the lock. */
    public StringProperty serviceProperty() {
        return service;
    }

    /** The one line shown on hover, e.g. "TLS 1.3 · TLS_AES_256_GCM_SHA384 · x25519 · verified by ISRG Root X1". */
    public StringProperty summaryProperty() {
        return summary;
    }

    public ObjectProperty<EventHandler<ActionEvent>> onActionProperty() {
        return onAction;
    }

    public void fire() {
        fireEvent(new ActionEvent());
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new LockIndicatorSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return LockIndicator.class.getResource("lock-indicator.css").toExternalForm();
    }
}
