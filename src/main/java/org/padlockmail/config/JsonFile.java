package org.padlockmail.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One JSON document in a file, changed safely: every change is read-modify-write under a lock (a lock
 * file for other processes, a lock object for other threads of this one) and lands by writing a
 * temporary file, syncing it and renaming it over the old one, so a crash or a concurrent writer never
 * leaves a half-written file or loses a change. A missing file reads as the empty document; a file that
 * cannot be parsed is an error and is never overwritten. How strictly the document is read is {@link Json}'s.
 */
public final class JsonFile<T> {

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Class<T> type;
    private final Supplier<T> empty;

    public JsonFile(Path file, Class<T> type, Supplier<T> empty) {
        this.file = file.toAbsolutePath().normalize();
        this.type = type;
        this.empty = empty;
    }

    public Path path() {
        return file;
    }

    /** The document, or the empty one when there is no file. */
    public T read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty.get();
        }
        try {
            return Json.read(content, type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(e);
        }
    }

    /** Applies a change to the current document and stores the result atomically. */
    public T update(UnaryOperator<T> change) throws IOException {
        ReentrantLock threadLock = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock(); // released when the channel closes, at the latest
                T changed = change.apply(read());
                write(Json.pretty(changed));
                lock.release();
                return changed;
            }
        } finally {
            threadLock.unlock();
        }
    }

    private void write(byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
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

    /** The file exists but is not a readable document of the expected kind. */
    public static final class UnreadableFileException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(Throwable cause) {
            super(reason(cause), cause);
        }

        /** Why, in a few words: no parser internals, no repeated path (the caller names the file). */
        private static String reason(Throwable cause) {
            return cause.getMessage();
        }
    }
}
