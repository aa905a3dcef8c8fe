package org.padlockmail.ui.lock;

import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.LockState;
import org.padlockmail.security.Service;

/**
 * The state behind the two lock indicators of an account (IMAP and SMTP): the account's events, which
 * arrive on its worker threads, become properties on the JavaFX thread ({@code fxThread} is
 * {@code Platform::runLater} in the app, and runs directly in tests).
 */
public final class ConnectionLocksViewModel {

    /** One connection's lock: its state, the hover line, and the full report behind a click. */
    public static final class Lock {
        private final ReadOnlyObjectWrapper<LockState> state = new ReadOnlyObjectWrapper<>(LockState.OFFLINE);
        private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<ConnectionReport> report = new ReadOnlyObjectWrapper<>();

        public ReadOnlyObjectProperty<LockState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty summaryProperty() {
            return summary.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<ConnectionReport> reportProperty() {
            return report.getReadOnlyProperty();
        }

        /** Binds an indicator to this lock. */
        public void bind(LockIndicator indicator) {
            indicator.stateProperty().bind(state);
            indicator.summaryProperty().bind(summary);
        }

        void connected(ConnectionReport latest) {
            report.set(latest);
            state.set(latest.lock());
            summary.set(latest.summary());
        }

        void offline(String reason) {
            // A refusal stays visible (blocked, with its reason) until a new attempt; a lost connection turns grey.
            if (state.get() != LockState.BLOCKED) {
                state.set(LockState.OFFLINE);
                summary.set(reason);
            }
        }
    }

    private final Lock imap = new Lock();
    private final Lock smtp = new Lock();
    private final Executor fxThread;

    public ConnectionLocksViewModel(Executor fxThread) {
        this.fxThread = fxThread;
    }

    public Lock imap() {
        return imap;
    }

    public Lock smtp() {
        return smtp;
    }

    /** What the account layer calls; hands every change to the JavaFX thread. */
    public AccountEvents events() {
        return new AccountEvents() {
            @Override
            public void connected(ConnectionReport report) {
                fxThread.execute(() -> lock(report.endpoint().service()).connected(report));
            }

            @Override
            public void offline(Service service, String reason) {
                fxThread.execute(() -> lock(service).offline(reason));
            }
        };
    }

    private Lock lock(Service service) {
        return service == Service.IMAP ? imap : smtp;
    }
}
