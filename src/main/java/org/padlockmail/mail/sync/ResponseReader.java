package org.padlockmail.mail.sync;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.angus.mail.iap.Protocol;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseInputStream;

/**
 * Reads a connection's answers, literals included, in blocks. Angus' {@code ResponseInputStream} reads
 * every byte with {@code BufferedInputStream.read()}, which is {@code synchronized}, into a new array per
 * answer that grows by copying, and its {@code Response} makes a string of every word it looks at; on a
 * 100,000-message cold sync (60 MB of FETCH answers) that was a large part of the sync thread's work, and
 * in a fresh JVM, of the compiler's. Here the stream below Angus' reader is read 64 KB at a time, line ends
 * are found by scanning the block in place, and every answer goes into one buffer, reused.
 *
 * <p>Angus has no hook for this: Angus' reader's buffer is swapped for this one (so Angus' own reads on this
 * connection see the same bytes, without the lock); it reaches into two private fields. If they are not
 * there (another Angus version, a runtime that does not open them) answers are read by Angus and taken from
 * its bytes: the same answers, at Angus' speed. Only for a connection used by one thread at a time (the
 * sync runs under the protocol's lock). Angus' {@code hasResponse} then sees only the bytes in the block,
 * not those waiting below it: nothing on the sync connection asks (it never IDLEs).
 */
final class ResponseReader {

    private static final Field INPUT = field(Protocol.class, "input");
    private static final Field BIN = field(ResponseInputStream.class, "bin");
    private static final Field TRACE = field(Protocol.class, "traceInput");

    private final Protocol protocol;
    /** Null when Angus reads the answers. */
    private final Blocks blocks;

    private ResponseReader(Protocol protocol, Blocks blocks) {
        this.protocol = protocol;
        this.blocks = blocks;
    }

    /** A reader of {@code protocol}'s answers; call again after anything that replaced its stream (COMPRESS). */
    static ResponseReader of(Protocol protocol) {
        return new ResponseReader(protocol, install(protocol));
    }

    /** A reader that leaves the reading to Angus, as when the fields are not there; for tests. */
    static ResponseReader throughAngus(Protocol protocol) {
        return new ResponseReader(protocol, null);
    }

    /** Whether answers are read in blocks, not through Angus. */
    boolean inBlocks() {
        return blocks != null;
    }

    /**
     * The next answer. It may be a view of this reader's buffer, valid until the next call.
     *
     * @throws IOException the connection broke or ended
     * @throws ProtocolException an answer Angus could not read, or one too long to hold
     */
    Answer next() throws IOException, ProtocolException {
        boolean utf8 = protocol.supportsUtf8();
        if (blocks == null) {
            Copy read = new Copy(new Response(protocol));
            return Answer.of(read.bytes(), read.size(), utf8);
        }
        int size = blocks.readAnswer(); // first: a long answer replaces the buffer
        return Answer.of(blocks.answer, size, utf8);
    }

    /** Angus keeps an answer's bytes, literals included, in protected fields. */
    private static final class Copy extends Response {
        Copy(Response r) {
            super(r);
        }

        byte[] bytes() {
            return buffer;
        }

        int size() {
            return Math.max(size, 0);
        }
    }

    /** Swaps the buffer of {@code protocol}'s current response stream for {@link Blocks}, once; null when it could not. */
    private static Blocks install(Protocol protocol) {
        if (INPUT == null || BIN == null || TRACE == null) {
            return null;
        }
        try {
            Object input = INPUT.get(protocol);
            if (input == null) {
                return null;
            }
            Object bin = BIN.get(input);
            if (bin instanceof Blocks installed) {
                return installed;
            }
            Object below = TRACE.get(protocol);
            if (!(bin instanceof BufferedInputStream buffered) || !(below instanceof InputStream trace)) {
                return null;
            }
            // Nothing reads in between (the sync holds the protocol's lock), so the difference is the old buffer's
            // content; unless bytes arrived meanwhile (a plaintext socket counts them as they come): then Angus reads.
            int waiting = trace.available();
            int ahead = buffered.available() - waiting;
            if (ahead < 0 || trace.available() != waiting) {
                return null;
            }
            Blocks blocks = new Blocks(new Source(buffered, ahead, trace));
            BIN.set(input, blocks);
            return blocks;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return null;
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

    /**
     * The old buffer's bytes read ahead, then the stream below it. (The old buffer cannot simply be the
     * source: its bulk read keeps reading while the stream below claims bytes are available, and an inflater
     * always claims one.)
     */
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

    /** A buffer read by one thread at a time: {@code read()} takes no lock, and whole answers are read from it. */
    static final class Blocks extends BufferedInputStream {
        private static final int BLOCK = 64 * 1024;
        /** A buffer grown past this by a long answer (a whole message) is not kept for the next one. */
        private static final int KEEP = 1024 * 1024;
        private static final int MAX_ANSWER = Integer.MAX_VALUE - 64;

        private byte[] answer = new byte[BLOCK];
        private int length;

        Blocks(InputStream source) {
            super(source, BLOCK);
        }

        @Override
        public int read() throws IOException {
            if (pos < count) {
                return buf[pos++] & 0xff;
            }
            return super.read();
        }

        /**
         * Reads one answer into {@link #answer}: lines up to a CRLF, each {n} literal at a line's end with its
         * n bytes (RFC 3501 4.3), until a line without one; returns its length without the final CRLF.
         * The buffer grows only as bytes arrive, whatever size a literal announces.
         */
        int readAnswer() throws IOException, ProtocolException {
            if (answer.length > KEEP) {
                answer = new byte[BLOCK];
            }
            length = 0;
            while (true) {
                readLine();
                long literal = literalAtEnd();
                if (literal < 0) {
                    return length - 2;
                }
                if (literal > MAX_ANSWER - length) {
                    throw new ProtocolException("a literal of " + literal + " bytes");
                }
                readBytes(literal);
            }
        }

        /** Up to and including the next CRLF (a lone LF is part of the line, as in Angus). */
        private void readLine() throws IOException, ProtocolException {
            while (true) {
                if (pos >= count) {
                    fill();
                }
                int start = pos;
                byte[] block = buf; // a volatile field: read once, not once per byte
                for (int i = start; i < count; i++) {
                    if (block[i] == '\n' && (i > start ? block[i - 1] == '\r' : length > 0 && answer[length - 1] == '\r')) {
                        append(start, i + 1 - start);
                        pos = i + 1;
                        return;
                    }
                }
                append(start, count - start);
                pos = count;
            }
        }

        /** The n of a line ending in {n}CRLF, or -1. */
        private long literalAtEnd() {
            int close = length - 3;
            if (close < 1 || answer[close] != '}') {
                return -1;
            }
            int at = close - 1;
            long n = 0;
            long scale = 1;
            while (at >= 0 && answer[at] >= '0' && answer[at] <= '9' && close - at <= 10) {
                n += (answer[at] - '0') * scale;
                scale *= 10;
                at--;
            }
            return at >= 0 && at < close - 1 && answer[at] == '{' ? n : -1;
        }

        private void readBytes(long n) throws IOException, ProtocolException {
            while (n > 0) {
                if (pos >= count) {
                    fill();
                }
                int take = (int) Math.min(n, count - pos);
                append(pos, take);
                pos += take;
                n -= take;
            }
        }

        /** At least one more byte in the block, read from the stream below. */
        private void fill() throws IOException {
            int b = super.read(); // refills the block; this subclass has no access to BufferedInputStream.fill
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            pos--;
        }

        private void append(int from, int n) throws ProtocolException {
            if (n > answer.length - length) {
                if (n > MAX_ANSWER - length) {
                    throw new ProtocolException("an answer longer than 2 GB");
                }
                int grown = (int) Math.min(MAX_ANSWER, Math.max((long) length + n, 2L * answer.length));
                answer = Arrays.copyOf(answer, grown);
            }
            System.arraycopy(buf, from, answer, length, n);
            length += n;
        }
    }
}
