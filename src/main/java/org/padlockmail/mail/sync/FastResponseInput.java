package org.padlockmail.mail.sync;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.eclipse.angus.mail.iap.Protocol;
import org.eclipse.angus.mail.iap.ResponseInputStream;

/**
 * Takes the per-byte lock out of Angus' response reader. {@code ResponseInputStream.readResponse} reads
 * every byte of every answer with {@code BufferedInputStream.read()}, which is {@code synchronized}: on a
 * 100,000-message cold sync (60 MB of FETCH answers) that lock was two thirds of the sync thread's CPU.
 * The reader's buffer is swapped for one whose single-byte read takes no lock. It reads first what the old
 * buffer had already read ahead, then the stream below it, so no byte is lost or read twice.
 *
 * <p>Angus has no hook for this, so it reaches into two private fields. If they are not there (another
 * Angus version, a runtime that does not open them) nothing changes and the sync runs at Angus' own
 * speed; {@link #install} says which. (The old buffer cannot simply be the new one's source: its bulk read
 * keeps reading while the stream below claims bytes are available, and an inflater always claims one.) Only for a connection used by one thread at a time (the sync runs
 * under the protocol's lock).
 */
final class FastResponseInput {

    private static final Field INPUT = field(Protocol.class, "input");
    private static final Field BIN = field(ResponseInputStream.class, "bin");
    private static final Field TRACE = field(Protocol.class, "traceInput");

    private FastResponseInput() {
    }

    /** Swaps the reader of {@code protocol}'s current response stream, once; false when it could not. */
    static boolean install(Protocol protocol) {
        if (INPUT == null || BIN == null || TRACE == null) {
            return false;
        }
        try {
            Object input = INPUT.get(protocol);
            if (input == null) {
                return false;
            }
            Object bin = BIN.get(input);
            if (bin instanceof Unlocked) {
                return true;
            }
            Object below = TRACE.get(protocol);
            if (!(bin instanceof BufferedInputStream buffered) || !(below instanceof InputStream trace)) {
                return false;
            }
            // Nothing reads in between (the sync holds the protocol's lock), so the difference is the old buffer's content.
            int ahead = buffered.available() - trace.available();
            if (ahead < 0) {
                return false;
            }
            BIN.set(input, new Unlocked(new Source(buffered, ahead, trace)));
            return true;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            if (!InputStream.class.isAssignableFrom(field.getType()) && field.getType() != ResponseInputStream.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The old buffer's bytes read ahead, then the stream below it. */
    private static final class Source extends InputStream {
        private final InputStream old;
        private int ahead;
        private final InputStream below;

        Source(InputStream old, int ahead, InputStream below) {
            this.old = old;
            this.ahead = ahead;
            this.below = below;
        }

        @Override
        public int read() throws IOException {
            if (ahead > 0) {
                ahead--;
                return old.read();
            }
            return below.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ahead > 0) {
                int n = old.read(b, off, Math.min(len, ahead));
                if (n > 0) {
                    ahead -= n;
                }
                return n;
            }
            return below.read(b, off, len);
        }

        @Override
        public int available() {
            return ahead; // never more: a buffer asking for more than is there would wait for the server
        }
    }

    /** A buffer whose {@code read()} takes no lock; it is read by one thread at a time. */
    static final class Unlocked extends BufferedInputStream {

        Unlocked(InputStream source) {
            super(source, 64 * 1024);
        }

        @Override
        public int read() throws IOException {
            if (pos < count) {
                return buf[pos++] & 0xff;
            }
            return super.read();
        }
    }
}
