package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parses hand-built server handshake bytes; the real handshakes are covered by the TLS tests. */
class HandshakeObserverTest {

    private static final byte[] HRR_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    @Test
    void tls13ServerHelloNamesTheKeyShareGroup() throws IOException {
        HandshakeObserver observer = feed(record(22, serverHello(new byte[32], 0x0304, 0x001d, true)), 1);
        assertEquals(Optional.of("x25519"), observer.keyExchange());
        assertEquals(0x0304, observer.serverVersion());
    }

    @Test
    void helloRetryRequestThenServerHelloAcrossACompatibilityChangeCipherSpec() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(record(22, serverHello(HRR_RANDOM, 0x0304, 0x0017, false)));
        bytes.writeBytes(record(20, new byte[] {1}));
        bytes.writeBytes(record(22, serverHello(new byte[32], 0x0304, 0x0018, true)));
        HandshakeObserver observer = feed(bytes.toByteArray(), 3);
        assertEquals(Optional.of("secp384r1"), observer.keyExchange());
    }

    @Test
    void tls12EcdheServerKeyExchangeNamesTheCurve() throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.writeBytes(serverHello(new byte[32], 0, 0, false));
        handshake.writeBytes(message(11, new byte[] {0, 0, 0})); // empty Certificate
        handshake.writeBytes(message(12, new byte[] {3, 0x00, 0x17, 1, 4}));
        // One record split over two reads, as TCP may deliver it.
        HandshakeObserver observer = feed(record(22, handshake.toByteArray()), 7);
        assertEquals(Optional.of("secp256r1"), observer.keyExchange());
        assertEquals(0x0303, observer.serverVersion());
    }

    @Test
    void alertIsRecorded() throws IOException {
        HandshakeObserver observer = feed(record(21, new byte[] {2, 70}), 1);
        assertEquals(Optional.of(70), observer.alert());
        assertFalse(observer.sawNonTls());
    }

    @Test
    void plainTextIsNotTls() throws IOException {
        HandshakeObserver observer = feed("* OK IMAP4rev1 ready\r\n".getBytes(StandardCharsets.US_ASCII), 1);
        assertTrue(observer.sawNonTls());
        assertEquals(Optional.empty(), observer.keyExchange());
    }

    @Test
    void aMalformedServerHelloNeitherThrowsNorInventsAGroup() throws IOException {
        byte[] hello = serverHello(new byte[32], 0x0304, 0x001d, true);
        hello[4 + 34] = (byte) 0xff; // a session id longer than the message
        HandshakeObserver observer = feed(record(22, hello), 1);
        assertEquals(Optional.empty(), observer.keyExchange());
        HandshakeObserver truncated = feed(record(22, java.util.Arrays.copyOf(hello, 20)), 1);
        assertEquals(Optional.empty(), truncated.keyExchange());
    }

    @Test
    void unknownGroupIsShownByNumber() throws IOException {
        HandshakeObserver observer = feed(record(22, serverHello(new byte[32], 0x0304, 0x7777, true)), 1);
        assertEquals(Optional.of("group 0x7777"), observer.keyExchange());
    }

    /** Reads all bytes through the observer in chunks, as a socket would deliver them. */
    private static HandshakeObserver feed(byte[] bytes, int chunks) throws IOException {
        HandshakeObserver observer = new HandshakeObserver();
        InputStream in = observer.observe(new ByteArrayInputStream(bytes));
        int chunk = Math.max(1, bytes.length / chunks);
        byte[] buffer = new byte[chunk];
        while (in.read(buffer, 0, chunk) >= 0) {
            // reading is all the observer needs
        }
        return observer;
    }

    private static byte[] serverHello(byte[] random, int supportedVersion, int group, boolean withKey) {
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        if (supportedVersion != 0) {
            extensions.writeBytes(new byte[] {0, 43, 0, 2, (byte) (supportedVersion >> 8), (byte) supportedVersion});
        }
        if (group != 0) {
            int length = withKey ? 2 + 2 + 32 : 2;
            extensions.writeBytes(new byte[] {0, 51, 0, (byte) length, (byte) (group >> 8), (byte) group});
            if (withKey) {
                extensions.writeBytes(new byte[] {0, 32});
                extensions.writeBytes(new byte[32]);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(random);
        body.write(0); // empty session id
        body.writeBytes(new byte[] {0x13, 0x01, 0});
        byte[] ext = extensions.toByteArray();
        body.writeBytes(new byte[] {(byte) (ext.length >> 8), (byte) ext.length});
        body.writeBytes(ext);
        return message(2, body.toByteArray());
    }

    private static byte[] message(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.writeBytes(new byte[] {(byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length});
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) type, 3, 3, (byte) (fragment.length >> 8), (byte) fragment.length});
        out.writeBytes(fragment);
        return out.toByteArray();
    }
}
