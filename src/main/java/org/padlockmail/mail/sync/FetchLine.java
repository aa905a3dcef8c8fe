package org.padlockmail.mail.sync;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.padlockmail.mail.cache.CachedHeader;

/**
 * One untagged FETCH answer, read straight from the bytes {@link ResponseReader} collected: the items a sync asks
 * for (UID, FLAGS, MODSEQ, INTERNALDATE, RFC822.SIZE, ENVELOPE, the Content-Type header, the whole
 * message of BODY[]) and nothing kept
 * of the rest. Angus' {@code FetchResponse} builds an object per item, an {@code InternetAddress} per
 * address and a date parser per date, and decodes RFC 2047 through stream objects; on a 100,000-message
 * cold sync that was most of the sync thread's work, and in a JVM that had not run it yet, most of the
 * wait. Items it does not know are skipped by their syntax; anything that breaks the syntax is {@link Malformed}.
 */
final class FetchLine {

    /** The answer does not follow the FETCH syntax of RFC 3501 / 9051. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super(what);
        }
    }

    private static final long MAX_UID = 0xFFFF_FFFFL;
    /** Lists nested deeper than this are an attack on the parser, not mail. */
    private static final int MAX_DEPTH = 32;

    private final byte[] buf;
    private final int end;
    private int pos;

    private long uid = -1;
    private int flags = -1;
    private long modSeq;
    private long internalDate;
    private long size;
    private boolean envelope;
    private long sentDate;
    private String subject;
    private String from;
    private String to;
    private String messageId;
    private String inReplyTo;
    private boolean multipartMixed;
    private byte[] source;

    private FetchLine(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    /** The FETCH items of a header row; MODSEQ and the Content-Type header are added when wanted. */
    static String headerItems(boolean modSeq, boolean contentType) {
        return "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE" + (modSeq ? " MODSEQ" : "")
                + (contentType ? " BODY.PEEK[HEADER.FIELDS (CONTENT-TYPE)]" : "") + ")";
    }

    /** Parses the items in {@code buf[start..end)}: the bytes after "* n FETCH". */
    static FetchLine parse(byte[] buf, int start, int end) throws Malformed {
        FetchLine line = new FetchLine(buf, start, end);
        line.items();
        return line;
    }

    /** The UID, or -1 when the answer has none. */
    long uid() {
        return uid;
    }

    /** The flag bits ({@link CachedHeader.Flag}), or -1 when the answer carries no FLAGS. */
    int flags() {
        return flags;
    }

    long modSeq() {
        return modSeq;
    }

    /** The whole message of a {@code BODY[]} item, or null when the answer has none (or NIL). */
    byte[] source() {
        return source;
    }

    /** A full row, or null when the answer lacks UID, FLAGS or ENVELOPE (an unsolicited flag change, say). */
    CachedHeader row() {
        if (uid <= 0 || flags < 0 || !envelope) {
            return null;
        }
        return new CachedHeader(uid, flags, modSeq, internalDate, size, sentDate, subject, from, to, messageId,
                inReplyTo, multipartMixed);
    }

    // ---- msg-att ------------------------------------------------------------------------------------

    private void items() throws Malformed {
        skipSpaces();
        expect('(');
        skipSpaces();
        if (peek() == ')') {
            pos++;
            return;
        }
        while (true) {
            int name = pos;
            int length = itemName();
            expect(' ');
            byte[] known = knownItem(name, length);
            if (known == UID) {
                uid = number(MAX_UID);
                if (uid == 0) {
                    throw new Malformed("UID 0");
                }
            } else if (known == FLAGS) {
                flags = flagList();
            } else if (known == MODSEQ) {
                expect('(');
                modSeq = number(Long.MAX_VALUE);
                expect(')');
            } else if (known == INTERNALDATE) {
                byte[] date = nstringBytes();
                if (date == null) {
                    throw new Malformed("INTERNALDATE is NIL");
                }
                internalDate = FetchDates.internalDate(date);
            } else if (known == RFC822_SIZE) {
                size = number(Long.MAX_VALUE);
            } else if (known == ENVELOPE) {
                envelope();
            } else if (known == BODY) {
                source = nstringBytes();
            } else if (known == HEADER_FIELDS) {
                multipartMixed = multipartMixed(nstringBytes());
            } else {
                skipValue(0);
            }
            byte next = next();
            if (next == ')') {
                return;
            }
            if (next != ' ') {
                throw new Malformed("expected a space or ')' after " + new String(buf, name, length, StandardCharsets.ISO_8859_1));
            }
        }
    }

    // Item and flag names, compared as bytes rather than made into a String for every item of every answer.
    private static final byte[] UID = ascii("UID");
    private static final byte[] FLAGS = ascii("FLAGS");
    private static final byte[] MODSEQ = ascii("MODSEQ");
    private static final byte[] INTERNALDATE = ascii("INTERNALDATE");
    private static final byte[] RFC822_SIZE = ascii("RFC822.SIZE");
    private static final byte[] ENVELOPE = ascii("ENVELOPE");
    private static final byte[] BODY = ascii("BODY[]");
    private static final byte[] HEADER_FIELDS = ascii("BODY[HEADER.FIELDS");
    /** The system flags' names by {@link CachedHeader.Flag} ordinal: the enum's names are IMAP's, in upper case. */
    private static final byte[][] FLAG_NAMES = Arrays.stream(CachedHeader.Flag.values())
            .map(flag -> ascii(flag.name())).toArray(byte[][]::new);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The item {@code buf[start..start+length)} names (a name above, HEADER_FIELDS for its prefix), or null. */
    private byte[] knownItem(int start, int length) {
        byte[] candidate = switch (length) {
            case 3 -> UID;
            case 5 -> FLAGS;
            case 6 -> (buf[start] | 0x20) == 'm' ? MODSEQ : BODY;
            case 8 -> ENVELOPE;
            case 11 -> RFC822_SIZE;
            case 12 -> INTERNALDATE;
            default -> length >= HEADER_FIELDS.length ? HEADER_FIELDS : null;
        };
        return candidate != null && startsWith(start, candidate) ? candidate : null;
    }

    /** Whether {@code buf[start..]} begins with {@code upper}, ignoring the case of ASCII letters. */
    private boolean startsWith(int start, byte[] upper) {
        for (int i = 0; i < upper.length; i++) {
            byte b = buf[start + i];
            if ((b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b) != upper[i]) {
                return false;
            }
        }
        return true;
    }

    /** An item name with its section ({@code BODY[...]}) and origin ({@code <n>}) if any: its length. */
    private int itemName() throws Malformed {
        int start = pos;
        while (pos < end) {
            byte b = buf[pos];
            if (b == '[') {
                skipSection();
                continue;
            }
            if (b == ' ' || b == '(' || b == ')' || b < 0x21 || b > 0x7E) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new Malformed("expected a FETCH item");
        }
        return pos - start;
    }

    private void skipSection() throws Malformed {
        pos++; // '['
        while (pos < end) {
            byte b = buf[pos];
            if (b == ']') {
                pos++;
                return;
            }
            if (b == '"') {
                quotedBytes();
                continue;
            }
            pos++;
        }
        throw new Malformed("unterminated section");
    }

    private int flagList() throws Malformed {
        expect('(');
        int bits = 0;
        while (true) {
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return bits;
            }
            int start = pos;
            while (pos < end && buf[pos] != ' ' && buf[pos] != ')') {
                if (buf[pos] == '(' || buf[pos] == '"') {
                    throw new Malformed("a flag that is not an atom");
                }
                pos++;
            }
            if (pos == end) {
                throw new Malformed("unterminated FLAGS");
            }
            bits |= systemFlag(start, pos - start);
        }
    }

    private int systemFlag(int start, int length) {
        if (length < 2 || buf[start] != '\\') {
            return 0; // a keyword
        }
        int name = start + 1;
        CachedHeader.Flag flag = switch (length - 1) {
            case 4 -> CachedHeader.Flag.SEEN;
            case 5 -> CachedHeader.Flag.DRAFT;
            case 7 -> (buf[name] | 0x20) == 'f' ? CachedHeader.Flag.FLAGGED : CachedHeader.Flag.DELETED;
            case 8 -> CachedHeader.Flag.ANSWERED;
            default -> null;
        };
        if (flag != null && startsWith(name, FLAG_NAMES[flag.ordinal()])) {
            return flag.bit();
        }
        return 0; // \Recent and flags of extensions
    }

    // ---- ENVELOPE -----------------------------------------------------------------------------------

    /** (date subject from sender reply-to to cc bcc in-reply-to message-id) */
    private void envelope() throws Malformed {
        expect('(');
        byte[] date = nstringBytes();
        expect(' ');
        String rawSubject = nstring();
        expect(' ');
        StringBuilder fromList = addresses(true);
        for (int i = 0; i < 2; i++) { // sender, reply-to
            expect(' ');
            skipValue(0);
        }
        expect(' ');
        StringBuilder toList = addresses(false);
        for (int i = 0; i < 2; i++) { // cc, bcc
            expect(' ');
            skipValue(0);
        }
        expect(' ');
        inReplyTo = nstring();
        expect(' ');
        messageId = nstring();
        skipSpaces();
        expect(')');
        envelope = true;
        sentDate = date == null ? 0 : FetchDates.sentDate(date);
        subject = rawSubject == null ? null : EncodedWords.decode(rawSubject);
        from = fromList == null || fromList.isEmpty() ? null : fromList.toString();
        to = toList == null || toList.isEmpty() ? null : toList.toString();
    }

    /**
     * An address list as "Name <mailbox@host>" joined with ", " (only the first when {@code firstOnly}), or
     * null for NIL. Group markers (RFC 3501 7.4.2: host NIL) are left out, their members kept.
     */
    private StringBuilder addresses(boolean firstOnly) throws Malformed {
        if (nil()) {
            return null;
        }
        expect('(');
        StringBuilder joined = new StringBuilder();
        while (true) {
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return joined;
            }
            expect('(');
            String personal = nstring();
            expect(' ');
            skipValue(0); // at-domain-list
            expect(' ');
            String mailbox = nstring();
            expect(' ');
            String host = nstring();
            skipSpaces();
            expect(')');
            if (host == null || (firstOnly && !joined.isEmpty())) {
                continue;
            }
            String address = mailbox == null || mailbox.isEmpty() ? host : host.isEmpty() ? mailbox : mailbox + "@" + host;
            String name = personal == null ? null : EncodedWords.decode(personal).strip();
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            if (name == null || name.isEmpty()) {
                joined.append(address);
            } else {
                joined.append(name).append(" <").append(address).append('>');
            }
        }
    }

    private static final byte[] MULTIPART_MIXED = "multipart/mixed".getBytes(StandardCharsets.US_ASCII);

    /** Whether a "Content-Type: ..." header (folded or not) says multipart/mixed; per message, so no regex. */
    private static boolean multipartMixed(byte[] header) {
        if (header == null) {
            return false;
        }
        int at = 0;
        while (at < header.length && header[at] != ':') {
            at++;
        }
        at++;
        while (at < header.length && (header[at] == ' ' || header[at] == '\t' || header[at] == '\r' || header[at] == '\n')) {
            at++;
        }
        if (header.length - at < MULTIPART_MIXED.length) {
            return false;
        }
        for (int i = 0; i < MULTIPART_MIXED.length; i++) {
            byte b = header[at + i];
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != MULTIPART_MIXED[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- lexical ------------------------------------------------------------------------------------

    private byte peek() throws Malformed {
        if (pos >= end) {
            throw new Malformed("the answer ends too early");
        }
        return buf[pos];
    }

    private byte next() throws Malformed {
        byte b = peek();
        pos++;
        return b;
    }

    private void expect(char c) throws Malformed {
        if (next() != c) {
            throw new Malformed("expected '" + c + "' at byte " + (pos - 1));
        }
    }

    /** Servers are not meant to add spaces, but some do before ')' and after '('. */
    private void skipSpaces() {
        while (pos < end && buf[pos] == ' ') {
            pos++;
        }
    }

    private long number(long max) throws Malformed {
        int start = pos;
        long value = 0;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            int digit = buf[pos] - '0';
            if (value > (max - digit) / 10) {
                throw new Malformed("a number out of range");
            }
            value = value * 10 + digit;
            pos++;
        }
        if (pos == start) {
            throw new Malformed("expected a number at byte " + start);
        }
        return value;
    }

    private boolean nil() {
        if (pos + 3 <= end && (buf[pos] | 0x20) == 'n' && (buf[pos + 1] | 0x20) == 'i' && (buf[pos + 2] | 0x20) == 'l') {
            pos += 3;
            return true;
        }
        return false;
    }

    /** NIL, a quoted string or a literal, as text: UTF-8 when the bytes are UTF-8, else one char per byte. */
    private String nstring() throws Malformed {
        byte[] bytes = nstringBytes();
        return bytes == null ? null : text(bytes);
    }

    private byte[] nstringBytes() throws Malformed {
        if (nil()) {
            return null;
        }
        if (peek() == '"') {
            return quotedBytes();
        }
        if (peek() == '{' || peek() == '~') {
            int start = literalStart();
            return Arrays.copyOfRange(buf, start, pos);
        }
        throw new Malformed("expected a string at byte " + pos);
    }

    /** Reads {n}CRLF (or ~{n}CRLF) and the n bytes after it; returns where they start, leaves pos after them. */
    private int literalStart() throws Malformed {
        if (buf[pos] == '~') {
            pos++;
        }
        expect('{');
        long count = number(Integer.MAX_VALUE);
        if (peek() == '+') {
            pos++; // a non-synchronizing literal, as a client would write it
        }
        expect('}');
        expect('\r');
        expect('\n');
        if (count > end - pos) {
            throw new Malformed("a literal longer than the answer");
        }
        int start = pos;
        pos += (int) count;
        return start;
    }

    private byte[] quotedBytes() throws Malformed {
        expect('"');
        int start = pos;
        boolean escaped = false;
        while (true) {
            byte b = peek();
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                escaped = true;
                pos++;
                peek();
            }
            pos++;
        }
        int stop = pos;
        pos++; // closing quote
        if (!escaped) {
            return Arrays.copyOfRange(buf, start, stop);
        }
        byte[] out = new byte[stop - start];
        int n = 0;
        for (int i = start; i < stop; i++) {
            if (buf[i] == '\\') {
                i++;
            }
            out[n++] = buf[i];
        }
        return Arrays.copyOf(out, n);
    }

    /** Any value: NIL, number, atom, string, literal or a list of them. */
    private void skipValue(int depth) throws Malformed {
        byte b = peek();
        if (b == '(') {
            if (depth >= MAX_DEPTH) {
                throw new Malformed("lists nested too deep");
            }
            pos++;
            while (true) {
                skipSpaces();
                if (peek() == ')') {
                    pos++;
                    return;
                }
                skipValue(depth + 1);
            }
        }
        if (b == '"') {
            quotedBytes();
        } else if (b == '{' || b == '~') {
            literalStart();
        } else {
            int start = pos;
            while (pos < end && buf[pos] != ' ' && buf[pos] != ')' && buf[pos] != '(') {
                if (buf[pos] == '[') {
                    skipSection();
                } else {
                    pos++;
                }
            }
            if (pos == start) {
                throw new Malformed("expected a value at byte " + start);
            }
        }
    }

    /** ASCII as is (the common case, no decoder); other bytes as UTF-8 when they are, else Latin-1. */
    static String text(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    return new String(bytes, StandardCharsets.ISO_8859_1);
                }
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
