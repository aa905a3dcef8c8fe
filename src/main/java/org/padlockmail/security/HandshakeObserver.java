package org.padlockmail.security;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Reads along the server's side of a TLS handshake to learn what JSSE does not tell: the key-exchange
 * group (from the TLS 1.3 ServerHello key_share, or the TLS 1.2 ECDHE ServerKeyExchange), the version
 * the server asked for, the alert it sent, and whether it spoke TLS at all. It only looks at the
 * unencrypted handshake records and stops reading along as soon as it knows, or encryption starts.
 */
public final class HandshakeObserver {

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;
    private static final int SERVER_HELLO = 2;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;
    private static final int TLS_1_2 = 0x0303;
    private static final int TLS_1_3 = 0x0304;
    private static final int NAMED_CURVE = 3;
    private static final int MAX_OBSERVED = 256 * 1024;
    private static final byte[] HELLO_RETRY_RANDOM = hex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"), Map.entry(0x0018, "secp384r1"), Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"), Map.entry(0x001e, "x448"),
            Map.entry(0x0100, "ffdhe2048"), Map.entry(0x0101, "ffdhe3072"), Map.entry(0x0102, "ffdhe4096"),
            Map.entry(0x0103, "ffdhe6144"), Map.entry(0x0104, "ffdhe8192"),
            Map.entry(0x11ec, "X25519MLKEM768"), Map.entry(0x11eb, "SecP256r1MLKEM768"),
            Map.entry(0x11ed, "SecP384r1MLKEM1024"));

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private int recordOffset;
    private int handshakeOffset;
    private boolean done;
    private boolean helloRetried;
    private boolean notTls;
    private int serverVersion;
    private Integer group;
    private Integer alert;

    /** The stream JSSE reads from: the server's bytes, unchanged, while this observer reads along. */
    public InputStream observe(InputStream serverBytes) {
        return new FilterInputStream(serverBytes) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    accept(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    accept(buffer, offset, n);
                }
                return n;
            }
        };
    }

    /** The key-exchange group, e.g. "x25519"; empty when the handshake did not show it. */
    public synchronized Optional<String> keyExchange() {
        return Optional.ofNullable(group).map(g -> GROUPS.getOrDefault(g, String.format("group 0x%04x", g)));
    }

    /** The description code of the first alert the server sent before encryption (RFC 8446, 6). */
    public synchronized Optional<Integer> alert() {
        return Optional.ofNullable(alert);
    }

    /** The version the server chose in its ServerHello (0x0303 for TLS 1.2), or 0 when none was seen. */
    public synchronized int serverVersion() {
        return serverVersion;
    }

    /** True when the server's first bytes were not a TLS record at all (plain text where TLS should be). */
    public synchronized boolean sawNonTls() {
        return notTls;
    }

    synchronized void accept(byte[] data, int offset, int length) {
        if (done) {
            return;
        }
        try {
            parse(data, offset, length);
        } catch (IndexOutOfBoundsException malformed) {
            // A malformed handshake is JSSE's to refuse; observing it must never break the connection.
            finish();
        }
    }

    private void parse(byte[] data, int offset, int length) {
        records.write(data, offset, length);
        if (records.size() > MAX_OBSERVED) {
            finish();
            return;
        }
        byte[] all = records.toByteArray();
        while (!done && all.length - recordOffset >= 5) {
            int type = all[recordOffset] & 0xff;
            if (type < CHANGE_CIPHER_SPEC || type > 24 || (all[recordOffset + 1] & 0xff) != 3) {
                notTls = true;
                finish();
                return;
            }
            int length2 = u16(all, recordOffset + 3);
            if (all.length - recordOffset - 5 < length2) {
                return;
            }
            int body = recordOffset + 5;
            recordOffset = body + length2;
            switch (type) {
                case HANDSHAKE -> {
                    handshake.write(all, body, length2);
                    parseHandshakeMessages();
                }
                case ALERT -> {
                    if (length2 >= 2) {
                        alert = all[body + 1] & 0xff;
                    }
                    finish();
                }
                case CHANGE_CIPHER_SPEC -> {
                    // TLS 1.3 middlebox compatibility sends one after a HelloRetryRequest, before the real ServerHello.
                    if (!helloRetried) {
                        finish();
                    }
                }
                case APPLICATION_DATA -> finish();
                default -> { }
            }
        }
    }

    private void parseHandshakeMessages() {
        byte[] messages = handshake.toByteArray();
        while (!done && messages.length - handshakeOffset >= 4) {
            int type = messages[handshakeOffset] & 0xff;
            int length = ((messages[handshakeOffset + 1] & 0xff) << 16) | u16(messages, handshakeOffset + 2);
            if (messages.length - handshakeOffset - 4 < length) {
                return;
            }
            int body = handshakeOffset + 4;
            handshakeOffset = body + length;
            if (type == SERVER_HELLO) {
                serverHello(messages, body, body + length);
            } else if (type == SERVER_KEY_EXCHANGE) {
                if (length >= 3 && (messages[body] & 0xff) == NAMED_CURVE) {
                    group = u16(messages, body + 1);
                }
                finish();
            }
        }
    }

    private void serverHello(byte[] m, int start, int end) {
        int p = start;
        serverVersion = u16(m, p);
        boolean retry = Arrays.equals(m, p + 2, p + 34, HELLO_RETRY_RANDOM, 0, 32);
        p += 34;
        p += 1 + (m[p] & 0xff); // session id
        p += 3; // cipher suite, compression method
        boolean tls13 = false;
        if (p + 2 <= end) {
            int extensionsEnd = Math.min(end, p + 2 + u16(m, p));
            p += 2;
            while (p + 4 <= extensionsEnd) {
                int type = u16(m, p);
                int length = u16(m, p + 2);
                int data = p + 4;
                if (type == EXT_SUPPORTED_VERSIONS && length >= 2) {
                    serverVersion = u16(m, data);
                    tls13 = serverVersion == TLS_1_3;
                } else if (type == EXT_KEY_SHARE && length >= 2) {
                    group = u16(m, data);
                }
                p = data + length;
            }
        }
        if (retry) {
            helloRetried = true;
        } else if (tls13 || serverVersion < TLS_1_2) {
            finish(); // TLS 1.3: the rest is encrypted; below 1.2: refused anyway
        }
    }

    private void finish() {
        done = true;
        records.reset();
        handshake.reset();
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
