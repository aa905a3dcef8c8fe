package org.padlockmail.mail.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes RFC 2047 encoded words in a header text ({@code =?charset?B|Q?text?=}) the way mail readers do:
 * the bytes of adjacent words in one charset are decoded together, so a Chinese character split across two
 * words (common) comes out whole; whitespace between encoded words is dropped; a word glued to other text
 * is decoded too; GB2312 is read as its superset GB18030, since mail labelled GB2312 is often GBK. A word
 * in an unknown charset or with a broken encoding stays as it came rather than vanishing.
 */
final class EncodedWords {

    /** Charsets by lower-case name, empty for names Java does not know; bounded, as names come from the server. */
    private static final Map<String, Optional<Charset>> CHARSETS = new ConcurrentHashMap<>();
    private static final int KNOWN_NAMES = 64;

    private EncodedWords() {
    }

    static String decode(String text) {
        if (text.indexOf("=?") < 0) {
            return text;
        }
        String unfolded = unfold(text);
        StringBuilder out = new StringBuilder(unfolded.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int at = 0; // start of text not yet copied
        int gapStart = -1; // after the last encoded word, while only whitespace followed it
        int i = 0;
        while (i < unfolded.length()) {
            Word word = i + 1 < unfolded.length() && unfolded.charAt(i) == '=' && unfolded.charAt(i + 1) == '?'
                    ? word(unfolded, i) : null;
            if (word == null) {
                i++;
                continue;
            }
            boolean joinsPrevious = gapStart >= 0 && unfolded.substring(gapStart, i).isBlank();
            if (!joinsPrevious) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(unfolded, at, i);
            } else if (pendingCharset != null && !pendingCharset.equals(word.charset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
            }
            pending.writeBytes(word.bytes);
            pendingCharset = word.charset;
            i = word.end;
            at = i;
            gapStart = i;
        }
        flush(out, pending, pendingCharset);
        out.append(unfolded, at, unfolded.length());
        return out.toString();
    }

    /** Removes the line breaks of a folded header, keeping the whitespace that follows them. */
    private static String unfold(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                out.append(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) != ' ' && text.charAt(i + 1) != '\t'
                    && text.charAt(i + 1) != '\r' && text.charAt(i + 1) != '\n') {
                out.append(' '); // a bare line break inside a value: keep the words apart
            }
        }
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private record Word(Charset charset, byte[] bytes, int end) {
    }

    /** The encoded word starting at {@code start}, or null when there is none there that can be decoded. */
    private static Word word(String s, int start) {
        int q1 = s.indexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') {
            return null;
        }
        int close = s.indexOf("?=", q1 + 3);
        if (close < 0) {
            return null;
        }
        String encoded = s.substring(q1 + 3, close);
        if (encoded.indexOf(' ') >= 0 || encoded.indexOf('\t') >= 0) {
            return null;
        }
        Charset charset = charset(s.substring(start + 2, q1)).orElse(null);
        if (charset == null) {
            return null;
        }
        byte[] bytes;
        char encoding = Character.toUpperCase(s.charAt(q1 + 1));
        try {
            if (encoding == 'B') {
                bytes = Base64.getMimeDecoder().decode(encoded);
            } else if (encoding == 'Q') {
                bytes = quoted(encoded);
            } else {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new Word(charset, bytes, close + 2);
    }

    private static byte[] quoted(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < encoded.length() && hex(encoded.charAt(i + 1)) >= 0
                    && hex(encoded.charAt(i + 2)) >= 0) {
                out.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else if (c > 0xFF) {
                throw new IllegalArgumentException("not a byte");
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The charset of a word (RFC 2231 language suffix ignored), GB2312 read as GB18030. */
    private static Optional<Charset> charset(String name) {
        int star = name.indexOf('*');
        String key = (star >= 0 ? name.substring(0, star) : name).toLowerCase(Locale.ROOT);
        Optional<Charset> known = CHARSETS.get(key);
        if (known != null) {
            return known;
        }
        Optional<Charset> charset = lookUp(key);
        if (CHARSETS.size() < KNOWN_NAMES) {
            CHARSETS.put(key, charset);
        }
        return charset;
    }

    private static Optional<Charset> lookUp(String name) {
        if (name.equals("gb2312") || name.equals("gb_2312-80") || name.equals("euc-cn") || name.equals("gbk")) {
            return Optional.of(Charset.forName("GB18030"));
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
