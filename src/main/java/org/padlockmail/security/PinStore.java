package org.padlockmail.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.padlockmail.config.Json;
import org.padlockmail.config.JsonFile;

/**
 * The user's pinned keys, one JSON file in the configuration folder.
 *
 * <p>Stored through {@link JsonFile}: atomic, locked changes; a missing file is an empty store; a file that
 * cannot be read or parsed is an error and is never replaced by an empty one (SECURITY.md, rule 5).
 */
public final class PinStore {

    private static final int FORMAT_VERSION = 1;

    private final JsonFile<StoredPins> json;

    public PinStore(Path file) {
        this.json = new JsonFile<>(file, StoredPins.class, () -> new StoredPins(FORMAT_VERSION, List.of()));
    }

    public Path file() {
        return json.path();
    }

    public List<Pin> all() throws PinStoreException {
        try {
            return toPins(json.read());
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    public Optional<Pin> find(String host, int port) throws PinStoreException {
        return all().stream().filter(p -> p.host().equalsIgnoreCase(host) && p.port() == port).findFirst();
    }

    /** Pins a certificate for a server that has no pin yet; an existing pin is only changed by {@link #replace}. */
    public Pin add(Endpoint endpoint, X509Certificate certificate, Instant now) throws PinStoreException {
        Pin pin = Pin.of(endpoint, certificate, now);
        update(pins -> {
            if (pins.stream().anyMatch(p -> sameServer(p, pin))) {
                throw new IllegalStateException(endpoint.address() + " is pinned already; replacing a pin is a deliberate action");
            }
            pins.add(pin);
        });
        return pin;
    }

    /** Replaces the pin of a server after the user deliberately confirmed the new key. */
    public Pin replace(Endpoint endpoint, X509Certificate certificate, Instant now) throws PinStoreException {
        Pin pin = Pin.of(endpoint, certificate, now);
        update(pins -> {
            pins.removeIf(p -> sameServer(p, pin));
            pins.add(pin);
        });
        return pin;
    }

    public boolean remove(String host, int port) throws PinStoreException {
        boolean[] removed = {false};
        update(pins -> removed[0] = pins.removeIf(p -> p.host().equalsIgnoreCase(host) && p.port() == port));
        return removed[0];
    }

    private static boolean sameServer(Pin a, Pin b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
    }

    private void update(Consumer<List<Pin>> change) throws PinStoreException {
        try {
            json.update(stored -> {
                List<Pin> pins = new ArrayList<>(toPins(stored));
                change.accept(pins);
                pins.sort(Comparator.comparing(Pin::host).thenComparingInt(Pin::port));
                return new StoredPins(FORMAT_VERSION, pins.stream().map(StoredPin::of).toList());
            });
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static List<Pin> toPins(StoredPins stored) {
        if (stored.version() != FORMAT_VERSION) {
            throw new UncheckedIOException(new IOException("unknown format version " + stored.version()));
        }
        List<Pin> pins = new ArrayList<>();
        try {
            for (StoredPin p : stored.pins()) {
                pins.add(p.toPin());
            }
        } catch (CertificateException | IllegalArgumentException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("a pinned certificate is damaged: " + e.getMessage(), e));
        }
        return pins;
    }

    private PinStoreException unreadable(IOException e) {
        return new PinStoreException("The pin file " + file() + " cannot be read (" + e.getMessage() + "). Padlock Mail will "
                + "not connect until it is repaired or removed, because connecting without it could trust a key you rejected.", e);
    }

    /* Complete: a pin file missing any field is damaged and refused as a whole, never half-read with defaults. */
    @Json.Complete
    record StoredPins(int version, List<StoredPin> pins) {
    }

    @Json.Complete
    record StoredPin(String host, int port, String spkiSha256, String certificate, Instant firstSeen) {

        static StoredPin of(Pin pin) {
            return new StoredPin(pin.host(), pin.port(), pin.spkiSha256(),
                    Base64.getEncoder().encodeToString(CertificateFacts.encoded(pin.certificate())), pin.firstSeen());
        }

        Pin toPin() throws CertificateException {
            var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(this.certificate)));
            return new Pin(host, port, spkiSha256, certificate, firstSeen);
        }
    }
}
