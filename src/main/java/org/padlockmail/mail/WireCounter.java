package org.padlockmail.mail;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes of one connection as the protocol layer reads and writes them through TLS: after
 * compression (COMPRESS=DEFLATE), before encryption, so TLS records and the handshake are not counted.
 * Given to {@link SecuredSocketFactory}; read from any thread.
 */
public final class WireCounter {

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    public long read() {
        return read.get();
    }

    public long written() {
        return written.get();
    }

    InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };
    }

    OutputStream count(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                written.addAndGet(length);
            }
        };
    }
}
