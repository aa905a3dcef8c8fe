package org.padlockmail.mail.sync;

import jakarta.mail.Flags;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.MODSEQ;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.padlockmail.mail.cache.CachedHeader;

/** Turns one untagged FETCH into a {@link CachedHeader} right away, decoding what the envelope encodes. */
final class HeaderRows {

    /** The FETCH items of a header row; MODSEQ and the Content-Type header are added when wanted. */
    static String items(boolean modSeq, boolean contentType) {
        return "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE" + (modSeq ? " MODSEQ" : "")
                + (contentType ? " BODY.PEEK[HEADER.FIELDS (CONTENT-TYPE)]" : "") + ")";
    }

    private static final Pattern GB2312_WORD = Pattern.compile("=\\?(gb2312|gb_2312-80|euc-cn)\\?", Pattern.CASE_INSENSITIVE);

    private HeaderRows() {
    }

    /** The UID of a FETCH answer, or -1 when it has none. */
    static long uid(FetchResponse fetch) {
        UID uid = fetch.getItem(UID.class);
        return uid == null ? -1 : uid.uid;
    }

    static long modSeq(FetchResponse fetch) {
        MODSEQ modSeq = fetch.getItem(MODSEQ.class);
        return modSeq == null ? 0 : modSeq.modseq;
    }

    /** The flag bits, or -1 when the answer carries no FLAGS. */
    static int flags(FetchResponse fetch) {
        FLAGS flags = fetch.getItem(FLAGS.class);
        return flags == null ? -1 : bits(flags);
    }

    static int bits(Flags flags) {
        int bits = 0;
        if (flags.contains(Flags.Flag.SEEN)) {
            bits |= CachedHeader.Flag.SEEN.bit();
        }
        if (flags.contains(Flags.Flag.ANSWERED)) {
            bits |= CachedHeader.Flag.ANSWERED.bit();
        }
        if (flags.contains(Flags.Flag.FLAGGED)) {
            bits |= CachedHeader.Flag.FLAGGED.bit();
        }
        if (flags.contains(Flags.Flag.DELETED)) {
            bits |= CachedHeader.Flag.DELETED.bit();
        }
        if (flags.contains(Flags.Flag.DRAFT)) {
            bits |= CachedHeader.Flag.DRAFT.bit();
        }
        return bits;
    }

    /** A full row, or null when the answer lacks UID, FLAGS or ENVELOPE (an unsolicited flag change, say). */
    static CachedHeader row(FetchResponse fetch) {
        long uid = uid(fetch);
        int flags = flags(fetch);
        ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
        if (uid <= 0 || flags < 0 || envelope == null) {
            return null;
        }
        INTERNALDATE internal = fetch.getItem(INTERNALDATE.class);
        RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
        BODY contentType = fetch.getItem(BODY.class);
        return new CachedHeader(uid, flags, modSeq(fetch), seconds(internal == null ? null : internal.getDate()),
                size == null ? 0 : size.size, seconds(envelope.date), text(envelope.subject), first(envelope.from),
                joined(envelope.to), envelope.messageId, envelope.inReplyTo,
                contentType != null && multipartMixed(contentType.getByteArray()));
    }

    private static long seconds(Date date) {
        return date == null ? 0 : date.getTime() / 1000;
    }

    private static String first(InternetAddress[] addresses) {
        return addresses == null || addresses.length == 0 ? null : display(addresses[0]);
    }

    private static String joined(InternetAddress[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (InternetAddress address : addresses) {
            if (joined.length() > 0) {
                joined.append(", ");
            }
            joined.append(display(address));
        }
        return joined.toString();
    }

    /** "Name <address>", or the bare address when there is no name. */
    static String display(InternetAddress address) {
        String personal = eightBit(address.getPersonal());
        String mailbox = address.getAddress();
        return personal == null || personal.isBlank() ? mailbox : personal.strip() + " <" + mailbox + ">";
    }

    /**
     * Decodes a header text: RFC 2047 encoded words (GB2312 read as its superset GB18030, as mail labelled
     * GB2312 is often GBK), and raw UTF-8 that the protocol layer read as single bytes.
     */
    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String text = eightBit(raw);
        if (text.contains("=?")) {
            Matcher gb = GB2312_WORD.matcher(text);
            if (gb.find()) {
                text = gb.replaceAll("=?GB18030?");
            }
            try {
                text = MimeUtility.decodeText(MimeUtility.unfold(text));
            } catch (UnsupportedEncodingException e) {
                // an unknown charset: show the text as it came rather than nothing
            }
        }
        return text;
    }

    /** Strings with bytes over 0x7F arrive one char per byte; if those bytes are UTF-8, decode them so. */
    private static String eightBit(String s) {
        if (s == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            high |= c > 0x7F;
        }
        if (!high) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }

    private static boolean multipartMixed(ByteArray header) {
        if (header == null) {
            return false;
        }
        String text = new String(header.getBytes(), header.getStart(), header.getCount(), StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        return colon >= 0 && MimeUtility.unfold(text.substring(colon + 1)).strip().toLowerCase(Locale.ROOT)
                .startsWith("multipart/mixed");
    }
}
