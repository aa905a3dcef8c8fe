package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against Angus' own, on the same bytes arriving in pieces of every size: literals holding line
 * ends and braces, empty literals, two literals on a line, a lone LF, a 2 MB literal, 8-bit text, statuses in
 * lower case, an empty line and the end of the stream. Every answer must come out with the bytes, kind,
 * tag, status, number, key and rest that Angus' {@code IMAPResponse} gives it.
 */
class ResponseReaderTest {

    private static final String BIG = "x".repeat(2_000_000);
    private static final byte[] SCRIPT = script(
            "* OK [CAPABILITY IMAP4rev1] ready",
            "* 3 EXISTS",
            "* 1 FETCH (UID 5 BODY[] {12}\r\nab}\r\n{3}\r\nxy FLAGS (\\Seen))",
            "* 2 FETCH (UID 6 BODY[HEADER.FIELDS (CONTENT-TYPE)] {0}\r\n)",
            "* 3 FETCH (BODY[1] {2}\r\nab BODY[2] ~{2}\r\ncd)",
            "* OK a lone\nLF",
            "* OK [ALERT] Grüße",
            "+ go ahead",
            "a1 NO [ALERT] no way",
            "* VANISHED (EARLIER) 1:3,7",
            "* SEARCH 1 2 3",
            "* 4 FETCH (UID 9 BODY[] {" + BIG.length() + "}\r\n" + BIG + ")",
            "* 5 FETCH (UID 10)",
            "* ok lower case",
            "a3 bad x",
            "* OK look {5a}",
            "",
            "* 0 EXISTS",
            "a2 OK done",
            "* BYE bye");

    private static byte[] script(String... answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String answer : answers) {
            out.writeBytes((answer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000, 65536, 1 << 22})
    void readsWhatAngusReads(int piece) throws Exception {
        List<IMAPResponse> angus = new ArrayList<>();
        IMAPProtocol byAngus = protocol(piece);
        for (int i = 0; i < 20; i++) {
            angus.add(new IMAPResponse(byAngus));
        }
        assertThrows(IOException.class, () -> new IMAPResponse(byAngus));

        IMAPProtocol ours = protocol(piece);
        // The first answer through Angus, so its buffer has read ahead when the reader takes over.
        IMAPResponse first = new IMAPResponse(ours);
        assertEquals(angus.get(0).toString(), first.toString());
        ResponseReader reader = ResponseReader.of(ours);
        assertTrue(reader.inBlocks());
        for (int i = 1; i < 20; i++) {
            if (i % 4 == 2) {
                // Angus reads on the same connection too (a NOOP, LOGOUT): through the same block.
                assertEquals(angus.get(i).toString(), new IMAPResponse(ours).toString());
            } else {
                same(angus.get(i), reader.next());
            }
        }
        assertThrows(IOException.class, reader::next);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65536})
    void takesOverFromAngusAboveAStreamThatAlwaysClaimsAByte(int piece) throws Exception {
        // An inflater (COMPRESS=DEFLATE) says one byte is available until its end, whatever it holds.
        IMAPProtocol byAngus = protocol(piece);
        IMAPProtocol ours = new IMAPProtocol(new InPieces(SCRIPT, piece) {
            @Override
            public synchronized int available() {
                return Math.min(1, super.available());
            }
        }, new PrintStream(OutputStream.nullOutputStream()), new Properties(), false);
        assertEquals(new IMAPResponse(byAngus).toString(), new IMAPResponse(ours).toString());
        ResponseReader reader = ResponseReader.of(ours);
        assertTrue(reader.inBlocks());
        for (int i = 1; i < 20; i++) {
            same(new IMAPResponse(byAngus), reader.next());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65536})
    void readsTheSameThroughAngusWhenItCannotReadInBlocks(int piece) throws Exception {
        IMAPProtocol byAngus = protocol(piece);
        ResponseReader reader = ResponseReader.throughAngus(protocol(piece));
        assertFalse(reader.inBlocks());
        for (int i = 0; i < 20; i++) {
            same(new IMAPResponse(byAngus), reader.next());
        }
    }

    private static void same(IMAPResponse angus, Answer ours) {
        String what = angus.toString().substring(0, Math.min(60, angus.toString().length()));
        assertArrayEquals(angus.toString().getBytes(StandardCharsets.ISO_8859_1),
                ours.toString().getBytes(StandardCharsets.ISO_8859_1), what);
        assertEquals(angus.isTagged(), ours.isTagged(), what);
        assertEquals(angus.isContinuation(), ours.isContinuation(), what);
        assertEquals(angus.isTagged() ? angus.getTag() : null, ours.tag(), what);
        Answer.Status status = angus.isOK() ? Answer.Status.OK : angus.isNO() ? Answer.Status.NO
                : angus.isBAD() ? Answer.Status.BAD : angus.isBYE() ? Answer.Status.BYE : Answer.Status.NONE;
        assertEquals(status, ours.status(), what);
        if (angus.getKey() != null) {
            assertTrue(ours.keyEquals(angus.getKey().toLowerCase()), what);
            assertEquals(angus.toString().matches("(?s)\\* \\d+ .*") ? angus.getNumber() : -1, ours.number(), what);
        } else {
            assertFalse(ours.keyEquals("FETCH") || ours.keyEquals("OK"), what);
            assertEquals(-1, ours.number(), what);
        }
        assertEquals(angus.getRest(), ours.rest(), what);
    }

    @Test
    void readsMessageNumbersUpToTheLargestUid() {
        // Angus reads numbers as int: it takes "4294967295" for the key.
        Answer answer = Answer.of("* 4294967295 FETCH (UID 1)");
        assertEquals(4_294_967_295L, answer.number());
        assertTrue(answer.keyEquals("fetch"));
    }

    private static IMAPProtocol protocol(int piece) throws IOException {
        return new IMAPProtocol(new InPieces(SCRIPT, piece), new PrintStream(OutputStream.nullOutputStream()),
                new Properties(), false);
    }

    /** The script, at most {@code piece} bytes a read, as a socket hands them over. */
    private static class InPieces extends ByteArrayInputStream {
        private final int piece;

        InPieces(byte[] bytes, int piece) {
            super(bytes);
            this.piece = piece;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, piece));
        }
    }
}
