package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.LockState;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.security.TlsDetails;
import org.padlockmail.security.TrustBasis;
import org.padlockmail.ui.lock.ConnectionLocksViewModel;

/** The view model without a window: events in, properties out, always through the FX-thread executor. */
class ConnectionLocksViewModelTest {

    private final List<Runnable> queued = new ArrayList<>();
    private final ConnectionLocksViewModel model = new ConnectionLocksViewModel(queued::add);

    private static ConnectionReport report(Service service, Outcome outcome) {
        return new ConnectionReport(new Endpoint(service, "mail.example.org", service == Service.IMAP ? 993 : 465, SecurityMode.TLS),
                Instant.parse("2026-11-28T10:00:00Z"), outcome, "refused because", new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "x25519"),
                List.of(), outcome == Outcome.PINNED ? TrustBasis.pin(Instant.parse("2026-11-01T08:00:00Z")) : null, "policy");
    }

    private void runFxThread() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void eachServiceHasItsOwnLockAndNothingChangesOffTheFxThread() {
        ConnectionReport pinned = report(Service.IMAP, Outcome.PINNED);
        model.events().connected(pinned);
        model.events().connected(report(Service.SMTP, Outcome.PIN_MISMATCH));
        assertEquals(LockState.OFFLINE, model.imap().stateProperty().get(), "changed before reaching the FX thread");

        runFxThread();
        assertEquals(LockState.PINNED, model.imap().stateProperty().get());
        assertSame(pinned, model.imap().reportProperty().get());
        assertEquals("TLS 1.3 · TLS_AES_128_GCM_SHA256 · x25519 · pinned by you on 2026-11-01 08:00 UTC",
                model.imap().summaryProperty().get());
        assertEquals(LockState.BLOCKED, model.smtp().stateProperty().get());
    }

    @Test
    void aLostConnectionGoesGreyButARefusalStaysBlocked() {
        model.events().connected(report(Service.IMAP, Outcome.SECURE));
        model.events().connected(report(Service.SMTP, Outcome.PIN_MISMATCH));
        model.events().offline(Service.IMAP, "The connection was lost");
        model.events().offline(Service.SMTP, "gave up");
        runFxThread();
        assertEquals(LockState.OFFLINE, model.imap().stateProperty().get());
        assertEquals("The connection was lost", model.imap().summaryProperty().get());
        assertEquals(LockState.BLOCKED, model.smtp().stateProperty().get());
        assertEquals(Refusal.of(Outcome.PIN_MISMATCH, "x").outcome().lock(), model.smtp().stateProperty().get());
    }
}
