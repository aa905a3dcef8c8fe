package org.padlockmail.mail.sync;

import java.nio.charset.StandardCharsets;

/**
 * One server answer as {@link ResponseReader} read it: tagged, untagged or a continuation; its status (OK,
 * NO, BAD, BYE) if it has one; for an untagged one without a status its number and key ({@code * 5 FETCH},
 * {@code * VANISHED}); and the rest. Read the way Angus' {@code IMAPResponse} reads the same bytes, without
 * an object per word: a 100,000-message FETCH is 100,000 of these.
 *
 * <p>An answer may be a view of the reader's buffer, valid until the next answer is read: keep what it says, not it.
 */
final class Answer {

    enum Kind { TAGGED, UNTAGGED, CONTINUATION, EMPTY }

    enum Status { OK, NO, BAD, BYE, NONE }

    private final byte[] bytes;
    private final int size;
    private final boolean utf8;
    private final Kind kind;
    private final String tag;
    private final Status status;
    private final long number;
    private final String key;
    /** Where the text after the status, or after the key, starts. */
    private final int rest;

    private Answer(byte[] bytes, int size, boolean utf8) {
        this.bytes = bytes;
        this.size = size;
        this.utf8 = utf8;
        int at = 0;
        String tagged = null;
        if (size == 0) {
            kind = Kind.EMPTY;
        } else if (bytes[0] == '+') {
            kind = Kind.CONTINUATION;
            at = 1;
        } else if (bytes[0] == '*') {
            kind = Kind.UNTAGGED;
            at = 1;
        } else {
            kind = Kind.TAGGED;
            at = atomEnd(0);
            tagged = latin1(0, at);
        }
        tag = tagged;
        Status said = Status.NONE;
        long n = -1;
        String word = null;
        if (kind == Kind.TAGGED || kind == Kind.UNTAGGED) {
            int start = spaces(at);
            int end = atomEnd(start);
            said = status(start, end);
            if (said != Status.NONE) {
                at = end;
            } else if (kind == Kind.UNTAGGED) {
                n = digits(start, end);
                if (n >= 0) {
                    start = spaces(end);
                    end = atomEnd(start);
                }
                word = end > start ? latin1(start, end) : null;
                at = end;
            }
        }
        status = said;
        number = n;
        key = word;
        rest = at;
    }

    /** The answer in {@code bytes[0..size)}, without its final CRLF; {@code utf8}: text is UTF-8 (RFC 6855). */
    static Answer of(byte[] bytes, int size, boolean utf8) {
        return new Answer(bytes, size, utf8);
    }

    /** For tests: one answer line. */
    static Answer of(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new Answer(bytes, bytes.length, true);
    }

    boolean isTagged() {
        return kind == Kind.TAGGED;
    }

    boolean isContinuation() {
        return kind == Kind.CONTINUATION;
    }

    String tag() {
        return tag;
    }

    Status status() {
        return status;
    }

    boolean isOK() {
        return status == Status.OK;
    }

    /** The number before the key ({@code * 12 EXISTS}), or -1. */
    long number() {
        return number;
    }

    /** Whether the key (the word after "*" and any number) is {@code name}, in any case. */
    boolean keyEquals(String name) {
        return key != null && key.equalsIgnoreCase(name);
    }

    /** The text after the status or the key, without leading spaces. */
    String rest() {
        int start = spaces(rest);
        return utf8 ? new String(bytes, start, size - start, StandardCharsets.UTF_8) : latin1(start, size);
    }

    /** The items of a FETCH answer. */
    FetchLine fetch() throws FetchLine.Malformed {
        return FetchLine.parse(bytes, rest, size);
    }

    private int spaces(int at) {
        while (at < size && bytes[at] == ' ') {
            at++;
        }
        return at;
    }

    /** Where the atom starting at {@code at} ends: at a space, a control, a non-ASCII byte or one of (){%*"\]. */
    private int atomEnd(int at) {
        while (at < size) {
            byte b = bytes[at];
            if (b <= ' ' || b == 0x7f || b == '(' || b == ')' || b == '{' || b == '%' || b == '*' || b == '"'
                    || b == '\\' || b == ']') {
                break;
            }
            at++;
        }
        return at;
    }

    private Status status(int start, int end) {
        return switch (end - start) {
            case 2 -> is(start, "OK") ? Status.OK : is(start, "NO") ? Status.NO : Status.NONE;
            case 3 -> is(start, "BAD") ? Status.BAD : is(start, "BYE") ? Status.BYE : Status.NONE;
            default -> Status.NONE;
        };
    }

    private boolean is(int start, String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((bytes[start + i] & ~0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number in {@code [start, end)}, or -1 when it is not all digits (or too long for a UID). */
    private long digits(int start, int end) {
        if (end == start || end - start > 10) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private String latin1(int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return latin1(0, size);
    }
}
