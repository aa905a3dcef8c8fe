package org.padlockmail.mail.sync;

import java.time.Duration;

/**
 * How a sync connection works. {@link #defaults()} is what the app uses; the switches exist so tests and the
 * benchmark can force the CONDSTORE and FULL paths against a server that offers more.
 *
 * @param compress         ask for COMPRESS=DEFLATE when the server offers it
 * @param useQresync       use QRESYNC when the server offers it
 * @param useCondstore     use CONDSTORE when the server offers it
 * @param contentType      fetch the Content-Type header with each cold/new header, to mark multipart/mixed
 *                         messages as having attachments (without it {@code attachments} is always false)
 * @param firstChunk       headers in the first batch of a cold sync (the first screen)
 * @param chunk            headers in every later batch
 * @param readTimeout      how long one read may wait for the server
 */
public record SyncOptions(boolean compress, boolean useQresync, boolean useCondstore, boolean contentType,
                          int firstChunk, int chunk, Duration readTimeout) {

    public SyncOptions {
        if (firstChunk < 1 || chunk < 1) {
            throw new IllegalArgumentException("chunks hold at least one header");
        }
    }

    public static SyncOptions defaults() {
        return new SyncOptions(true, true, true, true, 100, 5_000, Duration.ofSeconds(60));
    }

    public SyncOptions withCompress(boolean on) {
        return new SyncOptions(on, useQresync, useCondstore, contentType, firstChunk, chunk, readTimeout);
    }

    /** Uses at most the given extensions: QRESYNC implies CONDSTORE on the server, not the other way round. */
    public SyncOptions withExtensions(boolean qresync, boolean condstore) {
        return new SyncOptions(compress, qresync, condstore, contentType, firstChunk, chunk, readTimeout);
    }

    public SyncOptions withContentType(boolean on) {
        return new SyncOptions(compress, useQresync, useCondstore, on, firstChunk, chunk, readTimeout);
    }

    public SyncOptions withChunks(int first, int rest) {
        return new SyncOptions(compress, useQresync, useCondstore, contentType, first, rest, readTimeout);
    }

    public SyncOptions withReadTimeout(Duration timeout) {
        return new SyncOptions(compress, useQresync, useCondstore, contentType, firstChunk, chunk, timeout);
    }
}
