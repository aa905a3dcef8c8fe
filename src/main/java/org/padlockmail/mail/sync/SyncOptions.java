package org.padlockmail.mail.sync;

import java.time.Duration;

/**
 * How a sync connection works. {@link #defaults()} is what the app uses; the switches exist so tests and the
 * benchmark can force the CONDSTORE and FULL paths against a server that offers more.
 *
 * @param compress         ask for COMPRESS=DEFLATE when the server offers it (see {@code compressLoopback})
 * @param useQresync       use QRESYNC when the server offers it
 * @param useCondstore     use CONDSTORE when the server offers it
 * @param contentType      fetch the Content-Type header with each cold/new header, to mark multipart/mixed
 *                         messages as having attachments (without it {@code attachments} is always false)
 * @param firstChunk       headers in the first batch of a cold sync (the first screen)
 * @param chunk            headers in every later batch
 * @param readTimeout      how long one read may wait for the server
 * @param compressLoopback compress also when the server is on this machine (a loopback address). Off by
 *                         default: there the wire costs nothing and the server's deflate is pure cost (a
 *                         cold sync of 100,000 headers from a Dovecot on 127.0.0.2 took 1.0-1.5 s longer,
 *                         about a third, with COMPRESS than without)
 */
public record SyncOptions(boolean compress, boolean useQresync, boolean useCondstore, boolean contentType,
                          int firstChunk, int chunk, Duration readTimeout, boolean compressLoopback) {

    public SyncOptions {
        if (firstChunk < 1 || chunk < 1) {
            throw new IllegalArgumentException("chunks hold at least one header");
        }
    }

    /** As before {@code compressLoopback} existed: {@code compress} then applies to every server. */
    public SyncOptions(boolean compress, boolean useQresync, boolean useCondstore, boolean contentType, int firstChunk,
                       int chunk, Duration readTimeout) {
        this(compress, useQresync, useCondstore, contentType, firstChunk, chunk, readTimeout, compress);
    }

    public static SyncOptions defaults() {
        return new SyncOptions(true, true, true, true, 100, 5_000, Duration.ofSeconds(60), false);
    }

    /** COMPRESS=DEFLATE whenever the server offers it ({@code true}, loopback included), or never. */
    public SyncOptions withCompress(boolean on) {
        return new SyncOptions(on, useQresync, useCondstore, contentType, firstChunk, chunk, readTimeout, on);
    }

    /** Whether to ask for COMPRESS=DEFLATE on a connection to {@code host}, when the server offers it. */
    public boolean compressFor(String host) {
        return compress && (compressLoopback || !loopback(host));
    }

    private static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress(); // cached for the connection that follows
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** Uses at most the given extensions: QRESYNC implies CONDSTORE on the server, not the other way round. */
    public SyncOptions withExtensions(boolean qresync, boolean condstore) {
        return new SyncOptions(compress, qresync, condstore, contentType, firstChunk, chunk, readTimeout, compressLoopback);
    }

    public SyncOptions withContentType(boolean on) {
        return new SyncOptions(compress, useQresync, useCondstore, on, firstChunk, chunk, readTimeout, compressLoopback);
    }

    public SyncOptions withChunks(int first, int rest) {
        return new SyncOptions(compress, useQresync, useCondstore, contentType, first, rest, readTimeout, compressLoopback);
    }

    public SyncOptions withReadTimeout(Duration timeout) {
        return new SyncOptions(compress, useQresync, useCondstore, contentType, firstChunk, chunk, timeout, compressLoopback);
    }
}
