package org.padlockmail.ui.settings;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.Pin;
import org.padlockmail.security.PinStore;
import org.padlockmail.ui.UiText;

/**
 * The pinned certificates for the settings window. The pin file is read and written on a background
 * executor; results reach the properties through the FX-thread executor.
 */
public final class PinnedCertificatesViewModel {

    /** One pin as the table shows it. */
    public record Row(Pin pin, String server, String firstSeen, String subject, String key) {
    }

    private final PinStore store;
    private final UiText text;
    private final Executor background;
    private final Executor fxThread;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public PinnedCertificatesViewModel(PinStore store, UiText text, Executor background, Executor fxThread) {
        this.store = store;
        this.text = text;
        this.background = background;
        this.fxThread = fxThread;
    }

    public ObservableList<Row> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** A pin file that cannot be read is shown, never treated as empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public UiText text() {
        return text;
    }

    public void refresh() {
        background.execute(() -> {
            try {
                List<Row> loaded = store.all().stream().map(this::row).toList();
                fxThread.execute(() -> {
                    rows.setAll(loaded);
                    error.set("");
                });
            } catch (Exception e) {
                fxThread.execute(() -> error.set(e.getMessage()));
            }
        });
    }

    public void remove(Row row) {
        background.execute(() -> {
            try {
                store.remove(row.pin().host(), row.pin().port());
            } catch (Exception e) {
                fxThread.execute(() -> error.set(e.getMessage()));
                return;
            }
            refresh();
        });
    }

    private Row row(Pin pin) {
        CertificateFacts facts = CertificateFacts.of(pin.certificate());
        String address = pin.host().contains(":") ? "[" + pin.host() + "]:" + pin.port() : pin.host() + ":" + pin.port();
        return new Row(pin, address, text.date(pin.firstSeen()), facts.subject(),
                UiText.grouped(pin.spkiSha256()).lines().findFirst().orElse("") + " …");
    }
}
