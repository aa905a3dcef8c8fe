package org.padlockmail.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The user's pinned keys, one JSON file in the configuration folder.
 *
 * <p>Every change is read-modify-write under a lock (a lock file for other processes, a lock object for
 * other threads of this one) and lands by writing a temporary file and renaming it, so a crash or a
 * concurrent writer never leaves a half-written or lost pin. A missing file is an empty store; a file that
 * cannot be read or parsed is an error and is never replaced by an empty one (SECURITY.md, rule 5).
 */
public final class PinStore {

    private static final int FORMAT_VERSION = 1;
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path file;

    public PinStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    public List<Pin> all() throws PinStoreException {
        return read();
    }

    public Optional<Pin> find(String host, int port) throws PinStoreException {
        return read().stream().filter(p -> p.host().equalsIgnoreCase(host) && p.port() == port).findFirst();
    }

    /** Pins a certificate for a server that has no pin yet; an existing pin is only changed by {@link #replace}. */
    public Pin add(Endpoint endpoint, X509Certificate certificate, Instant now) throws PinStoreException {
        Pin pin = Pin.of(endpoint, certificate, now);
        update(pins -> {
            if (pins.stream().anyMatch(p -> sameServer(p, pin))) {
                throw new IllegalStateException(endpoint.address() + " is pinned already; replacing a pin is a deliberate action");
            }
            pins.add(pin);
            return pins;
        });
        return pin;
    }

    /** Replaces the pin of a server after the user deliberately confirmed the new key. */
    public Pin replace(Endpoint endpoint, X509Certificate certificate, Instant now) throws PinStoreException {
        Pin pin = Pin.of(endpoint, certificate, now);
        update(pins -> {
            pins.removeIf(p -> sameServer(p, pin));
            pins.add(pin);
            return pins;
        });
        return pin;
    }

    public boolean remove(String host, int port) throws PinStoreException {
        boolean[] removed = {false};
        update(pins -> {
            removed[0] = pins.removeIf(p -> p.host().equalsIgnoreCase(host) && p.port() == port);
            return pins;
        });
        return removed[0];
    }

    private static boolean sameServer(Pin a, Pin b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
    }

    private void update(UnaryOperator<List<Pin>> change) throws PinStoreException {
        ReentrantLock threadLock = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock(); // released when the channel closes
                List<Pin> pins = change.apply(new ArrayList<>(read()));
                pins.sort(Comparator.comparing(Pin::host).thenComparingInt(Pin::port));
                write(pins);
                lock.release();
            }
        } catch (PinStoreException e) {
            throw e;
        } catch (IOException e) {
            throw new PinStoreException("The pin file " + file + " cannot be written: " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }

    private List<Pin> read() throws PinStoreException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unreadable(e.getMessage(), e);
        }
        StoredPins stored;
        List<Pin> pins = new ArrayList<>();
        try {
            stored = JSON.readValue(content, StoredPins.class);
            for (StoredPin p : stored.pins()) {
                pins.add(p.toPin());
            }
        } catch (IOException | CertificateException | IllegalArgumentException | NullPointerException e) {
            throw unreadable(e.getMessage(), e);
        }
        if (stored.version() != FORMAT_VERSION) {
            throw unreadable("unknown format version " + stored.version(), null);
        }
        return pins;
    }

    private PinStoreException unreadable(String why, Throwable cause) {
        return new PinStoreException("The pin file " + file + " cannot be read (" + why + "). Padlock Mail will not "
                + "connect until it is repaired or removed, because connecting without it could trust a key you rejected.", cause);
    }

    private void write(List<Pin> pins) throws IOException {
        List<StoredPin> stored = pins.stream().map(StoredPin::of).toList();
        byte[] content = JSON.writeValueAsBytes(new StoredPins(FORMAT_VERSION, stored));
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    record StoredPins(int version, List<StoredPin> pins) {
    }

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
