package org.padlockmail.mail;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The unencrypted part of a STARTTLS conversation, read strictly: one line at a time, bounded in length,
 * and with a way to tell whether the server sent anything beyond the line it was asked for.
 */
final class PlainTextLines {

    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[MAX_LINE];
    private int start;
    private int end;

    PlainTextLines(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next line without its line ending; fails on end of stream and on an overlong line. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (start == end) {
                start = 0;
                end = in.read(buffer);
                if (end < 0) {
                    end = 0;
                    throw new EOFException("the server closed the connection");
                }
            }
            while (start < end) {
                char c = (char) (buffer[start++] & 0xff);
                if (c == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new OverlongLineException();
                }
                line.append(c);
            }
        }
    }

    /** True when bytes arrived that nobody asked for yet: after a STARTTLS answer, that is an injection. */
    boolean hasUnreadBytes() throws IOException {
        return start < end || in.available() > 0;
    }

    static final class OverlongLineException extends IOException {
        private static final long serialVersionUID = 1L;

        OverlongLineException() {
            super("the server sent a line longer than " + MAX_LINE + " bytes");
        }
    }
}
