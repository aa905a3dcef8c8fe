package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.MODSEQ;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.junit.jupiter.api.Test;
import org.padlockmail.mail.cache.CachedHeader;

class FetchLineTest {

    // ---- the same answers as Angus' FetchResponse reads them ----------------------------------------

    /**
     * Thousands of FETCH answers made of the pieces real mail has (quoted strings with escapes, literals,
     * NIL, encoded words in UTF-8, ISO-8859-1 and GB2312, address lists, the date forms mailers write) read
     * by FetchLine and by Angus' parser, the one the sync used before: every field must agree.
     */
    @Test
    void readsWhatAngusReadsFromTheSameAnswers() throws Exception {
        Random random = new Random(20261205);
        for (int i = 0; i < 3_000; i++) {
            String line = randomFetch(random, i + 1);
            CachedHeader ours = Answer.of(line).fetch().row();
            CachedHeader angus = byAngus(line);
            assertEquals(angus, ours, line);
        }
    }

    private static final String[] WORDS = {"budget", "Re:", "meeting", "quarterly", "\\\"quoted\\\"", "a\\\\b", "100%",
        "(draft)", "=?", "?=", "naïve"};
    private static final String[] CHINESE = {"会议纪要", "预算", "项目进度", "周报", "请审阅"};
    private static final String[] DATES = {"Mon, 7 Feb 1994 21:52:25 -0800", "Tue, 01 Jan 2024 10:00:00 +0000 (UTC)",
        "7 Feb 94 21:52 EST", "Wed, 31 Dec 2025 23:59:59 +1400", "Thu, 29 Feb 2024 12:00:00 GMT",
        "Fri, 3 Mar 2023 08:05:09 +0530", "Sat, 14 Sep 2019 01:02:03 -0000", "Sun,  5 May 2002 05:06:07 PDT"};

    private static String randomFetch(Random r, int n) {
        String flags = switch (r.nextInt(4)) {
            case 0 -> "()";
            case 1 -> "(\\Seen)";
            case 2 -> "(\\Seen \\Flagged $Label1)";
            default -> "(\\Answered \\Draft \\Deleted \\Recent)";
        };
        long modSeq = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(1_000_000);
        String date = r.nextInt(10) == 0 ? "NIL" : quoted(DATES[r.nextInt(DATES.length)]);
        String to = r.nextInt(5) == 0 ? "NIL" : "(" + address(r) + (r.nextBoolean() ? address(r) : "") + ")";
        return "* " + n + " FETCH (UID " + (1000 + n) + " FLAGS " + flags + " INTERNALDATE \""
                + String.format("%2d", 1 + r.nextInt(28)) + "-Mar-2024 0" + r.nextInt(10) + ":15:42 "
                + (r.nextBoolean() ? "+0100" : "-0730") + "\" RFC822.SIZE " + r.nextInt(5_000_000)
                + " ENVELOPE (" + date + " " + text(r, true) + " (" + address(r) + ") NIL NIL " + to + " NIL NIL "
                + (r.nextBoolean() ? "NIL" : "\"<parent" + n + "@x.test>\"") + " \"<m" + n + "@x.test>\")"
                + (modSeq > 0 ? " MODSEQ (" + modSeq + ")" : "") + ")";
    }

    private static String address(Random r) {
        String name = r.nextInt(4) == 0 ? "NIL" : text(r, false);
        return "(" + name + " NIL \"user" + r.nextInt(100) + "\" \"example" + r.nextInt(3) + ".test\")";
    }

    /** A quoted string, a literal or NIL holding plain words, encoded words or both. */
    private static String text(Random r, boolean subject) {
        if (r.nextInt(12) == 0) {
            return "NIL";
        }
        StringBuilder plain = new StringBuilder();
        int words = 1 + r.nextInt(4);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                plain.append(' ');
            }
            switch (r.nextInt(5)) {
                case 0 -> plain.append(encoded(CHINESE[r.nextInt(CHINESE.length)], StandardCharsets.UTF_8, r.nextBoolean()));
                case 1 -> plain.append(encoded(CHINESE[r.nextInt(CHINESE.length)], Charset.forName("GB2312"), true));
                case 2 -> plain.append(encoded("Grüße à " + i, StandardCharsets.ISO_8859_1, r.nextBoolean()));
                default -> plain.append(subject ? WORDS[r.nextInt(WORDS.length)] : "Ann");
            }
        }
        String s = plain.toString();
        if (r.nextInt(4) == 0) {
            String raw = s.replace("\\\"", "\"").replace("\\\\", "\\");
            return "{" + raw.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + raw;
        }
        return quoted(s);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static String encoded(String text, Charset charset, boolean base64) {
        byte[] bytes = text.getBytes(charset);
        if (base64) {
            return "=?" + charset.name() + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
        }
        StringBuilder q = new StringBuilder("=?" + charset.name() + "?Q?");
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == ' ') {
                q.append('_');
            } else if (c > 0x20 && c < 0x7F && c != '=' && c != '?' && c != '_' && c != '"' && c != '\\') {
                q.append((char) c);
            } else {
                q.append(String.format("=%02X", c));
            }
        }
        return q.append("?=").toString();
    }

    /** The row as the sync made it with Angus' FetchResponse, ENVELOPE and MimeUtility. */
    private static CachedHeader byAngus(String line) throws Exception {
        IMAPProtocol protocol = new IMAPProtocol(InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()), new Properties(), false);
        FetchResponse fetch = new FetchResponse(new IMAPResponse(line, true), null, protocol);
        ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
        MODSEQ modSeq = fetch.getItem(MODSEQ.class);
        Date internal = fetch.getItem(INTERNALDATE.class).getDate();
        return new CachedHeader(fetch.getItem(UID.class).uid, FolderSyncGreenMailTest.bits(fetch.getItem(FLAGS.class)),
                modSeq == null ? 0 : modSeq.modseq, internal.getTime() / 1000, fetch.getItem(RFC822SIZE.class).size,
                envelope.date == null ? 0 : envelope.date.getTime() / 1000, decoded(envelope.subject),
                joined(envelope.from, true), joined(envelope.to, false), envelope.messageId, envelope.inReplyTo, false);
    }

    private static String decoded(String s) throws Exception {
        return s == null ? null : MimeUtility.decodeText(s.replaceAll("(?i)=\\?gb2312\\?", "=?GB18030?"));
    }

    private static String joined(InternetAddress[] addresses, boolean firstOnly) throws Exception {
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        List<String> shown = new ArrayList<>();
        for (InternetAddress a : addresses) {
            String personal = a.getPersonal() == null ? null : decoded(a.getPersonal());
            shown.add(personal == null || personal.isBlank() ? a.getAddress() : personal.strip() + " <" + a.getAddress() + ">");
            if (firstOnly) {
                break;
            }
        }
        return String.join(", ", shown);
    }

    // ---- where FetchLine reads more than Angus did --------------------------------------------------

    @Test
    void aCharacterSplitAcrossTwoEncodedWordsComesOutWhole() throws Exception {
        byte[] bytes = "会议纪要".getBytes(StandardCharsets.UTF_8); // 12 bytes; split inside the second character
        String first = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 0, 4));
        String second = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 4, 12));
        assertEquals("Re: 会议纪要 (final)",
                EncodedWords.decode("Re: =?UTF-8?B?" + first + "?=\r\n =?utf-8?b?" + second + "?= (final)"));
    }

    @Test
    void gb2312IsReadAsGb18030AndUnknownCharsetsStayAsTheyCame() {
        String gbk = "=?gb2312?B?" + Base64.getEncoder().encodeToString("镕".getBytes(Charset.forName("GB18030"))) + "?=";
        assertEquals("朱镕基", EncodedWords.decode("朱" + gbk + "基"));
        assertEquals("=?x-martian?Q?zork?= ok", EncodedWords.decode("=?x-martian?Q?zork?= ok"));
        assertEquals("=?UTF-8?B?not base64!?=", EncodedWords.decode("=?UTF-8?B?not base64!?="));
        assertEquals("a b", EncodedWords.decode("=?us-ascii?Q?a_b?="));
        assertEquals("Präsentation.pdf", EncodedWords.decode("=?ISO-8859-1*de?Q?Pr=E4sentation?=.pdf"));
    }

    @Test
    void rawUtf8InALiteralIsDecodedAndOtherEightBitTextIsKeptByteForChar() throws Exception {
        byte[] subject = "季度预算".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
        FetchLine line = parse(concat("(UID 7 FLAGS () INTERNALDATE \" 1-Jan-2024 00:00:00 +0000\" ENVELOPE (NIL {"
                + subject.length + "}\r\n", subject, " ((\"", latin1, "\" NIL \"g\" \"x.test\")) NIL NIL NIL NIL NIL NIL NIL))"));
        assertEquals("季度预算", line.row().subject());
        assertEquals("Grüße <g@x.test>", line.row().from());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(), line.row().internalDate());
    }

    @Test
    void itemsItDoesNotAskForAreSkippedByTheirSyntax() throws Exception {
        FetchLine line = parse(bytes("(X-GM-LABELS (\\Inbox \"a (b\" {3}\r\n)x() UID 9 BODYSTRUCTURE ((\"text\" "
                + "\"plain\" NIL NIL NIL \"7bit\" 1 1) \"mixed\") FLAGS (\\Seen) BODY[HEADER.FIELDS (\"CONTENT-TYPE\")] "
                + "{40}\r\nContent-Type: multipart/mixed;\r\n b=1\r\n\r\n ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
                + "MODSEQ (12345678901))"));
        assertEquals(9, line.uid());
        assertEquals(12345678901L, line.modSeq());
        assertTrue(line.row().attachments());
        assertNull(line.row().subject());
        assertNull(line.row().from());
    }

    @Test
    void theContentTypeHeaderMarksAttachmentsWhenItSaysMultipartMixed() throws Exception {
        assertTrue(attachments("Content-Type:\r\n Multipart/MIXED; boundary=x\r\n\r\n"));
        assertFalse(attachments("Content-Type: multipart/alternative; boundary=x\r\n\r\n"));
        assertFalse(attachments("Content-Type: text/plain\r\n\r\n"));
        assertFalse(attachments("\r\n"));
    }

    private static boolean attachments(String header) throws Exception {
        return parse(bytes("(UID 1 FLAGS () ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) BODY[HEADER.FIELDS "
                + "(CONTENT-TYPE)] {" + header.length() + "}\r\n" + header + ")")).row().attachments();
    }

    @Test
    void aFlagChangeIsNoRow() throws Exception {
        FetchLine line = Answer.of("* 5 FETCH (FLAGS (\\Flagged \\Seen) UID 77 MODSEQ (9))").fetch();
        assertEquals(77, line.uid());
        assertEquals(CachedHeader.Flag.SEEN.bit() | CachedHeader.Flag.FLAGGED.bit(), line.flags());
        assertEquals(9, line.modSeq());
        assertNull(line.row());
        assertEquals(-1, parse(bytes("(UID 3)")).flags());
    }

    @Test
    void itemAndFlagNamesAreReadInAnyCase() throws Exception {
        FetchLine line = parse(bytes("(uid 5 Flags (\\seen \\FLAGGED \\dRaFt \\deleted \\answered \\Recent \\Seens $Seen) "
                + "internaldate \" 1-Jan-2024 00:00:00 +0000\" rfc822.size 10 envelope (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
                + "modseq (3) body[header.fields (content-type)] {33}\r\ncontent-type: Multipart/Mixed\r\n\r\n body[] {2}\r\nhi)"));
        assertEquals(5, line.uid());
        int all = 0;
        for (CachedHeader.Flag flag : CachedHeader.Flag.values()) {
            all |= flag.bit();
        }
        assertEquals(all, line.flags());
        assertEquals(3, line.modSeq());
        assertEquals(10, line.row().size());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(), line.row().internalDate());
        assertTrue(line.row().attachments());
        assertEquals("hi", new String(line.source(), StandardCharsets.US_ASCII));
        assertEquals(0, parse(bytes("(UID 1 FLAGS (\\Seens \\See \\Flagger \\ $Seen Seen))")).flags());
    }

    @Test
    void groupsInAnAddressListAreLeftOutAndTheirMembersKept() throws Exception {
        FetchLine line = parse(bytes("(UID 1 FLAGS () ENVELOPE (NIL \"s\" ((NIL NIL \"team\" NIL)(\"Ann\" NIL \"ann\" \"x.test\")"
                + "(NIL NIL NIL NIL)) NIL NIL ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL))"));
        assertEquals("Ann <ann@x.test>", line.row().from());
        assertNull(line.row().to());
    }

    @Test
    void anAnswerThatBreaksTheSyntaxIsMalformed() {
        for (String bad : List.of("(UID 1", "UID 1)", "(UID 0)", "(UID 4294967296)", "(UID x)", "(FLAGS (\\Seen)",
                "(UID 1 ENVELOPE (NIL))", "(UID 1 ENVELOPE {999}\r\nshort)", "(UID 1 INTERNALDATE \"yesterday\")",
                "(UID 1 INTERNALDATE \"31-Feb-2024 10:00:00 +0000\")", "(UID 1 RFC822.SIZE 99999999999999999999)",
                "(UID 1 X " + "(".repeat(100) + ")".repeat(100) + ")", "(UID 1 FLAGS (\"quoted\"))", "(UID 1 \"x\")")) {
            assertThrows(FetchLine.Malformed.class, () -> parse(bytes(bad)), bad);
        }
    }

    @Test
    void dateHeadersInOtherShapesGoToTheLenientParserOrCountAsNone() {
        assertEquals(Instant.parse("1994-02-08T05:52:25Z").getEpochSecond(), sentDate("Mon, 7 Feb 1994 21:52:25 -0800 (PST)"));
        assertEquals(Instant.parse("2004-02-08T02:52:00Z").getEpochSecond(), sentDate("7 Feb 04 21:52 EST"));
        assertEquals(Instant.parse("2024-01-01T10:00:00Z").getEpochSecond(), sentDate("1 jan 2024 10:00:00 Z"));
        assertEquals(0, sentDate("sometime last week"));
        assertEquals(Instant.parse("2024-01-01T10:00:00Z").getEpochSecond(), sentDate("Mon, 1 Jan 2024 10:00:00 +0000 garbage"));
        assertEquals(Instant.parse("2024-03-01T09:00:00Z").getEpochSecond(), sentDate("Fri, 1 Mar 2024 10:00:00 +0100 (Mitteleuropäische Zeit)"));
    }

    /**
     * Dates of every month, day and zone from 1900 to 2099, in the shapes mailers write, read by FetchDates and
     * by the parsers it replaced: jakarta.mail's MailDateFormat for the Date header, java.time for INTERNALDATE.
     */
    @Test
    void readsDatesAsTheLenientParsersDo() throws Exception {
        Random random = new Random(20261206);
        String[] zones = {"+0000", "-0000", "+0100", "-0800", "+0530", "+1400", "-1200", "GMT", "UT", "EST", "EDT",
            "CST", "CDT", "MST", "MDT", "PST", "PDT", "Z"};
        DateTimeFormatter internal = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime time = LocalDateTime.of(1900 + random.nextInt(200), 1, 1, 0, 0)
                    .plusSeconds((long) (random.nextDouble() * 366 * 86_400));
            String month = time.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            String day = random.nextBoolean() ? time.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + ", " : "";
            String year = time.getYear() >= 1950 && time.getYear() < 2050 && random.nextInt(4) == 0
                    ? String.format("%02d", time.getYear() % 100) : String.valueOf(time.getYear());
            String clock = random.nextInt(5) == 0 ? String.format("%02d:%02d", time.getHour(), time.getMinute())
                    : String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
            String header = day + (random.nextBoolean() ? time.getDayOfMonth() : String.format("%02d", time.getDayOfMonth()))
                    + " " + (random.nextBoolean() ? month : month.toUpperCase(Locale.ROOT)) + " " + year + " " + clock
                    + " " + zones[random.nextInt(zones.length)] + (random.nextInt(3) == 0 ? " (comment)" : "");
            Date lenient = new MailDateFormat().parse(header);
            assertEquals(lenient.getTime() / 1000, sentDate(header), header);

            String fixed = String.format("%2d-%s-%04d %02d:%02d:%02d %s", time.getDayOfMonth(), month, time.getYear(),
                    time.getHour(), time.getMinute(), time.getSecond(), zones[random.nextInt(7)]);
            assertEquals(ZonedDateTime.parse(fixed.strip(), internal).toEpochSecond(),
                    FetchDates.internalDate(bytes(fixed)), fixed);
        }
    }

    @Test
    void anInternalDateOnADayTheMonthDoesNotHaveIsMalformed() throws Exception {
        for (String bad : List.of("29-Feb-2023 10:00:00 +0000", "29-Feb-1900 10:00:00 +0000", "31-Apr-2024 10:00:00 +0000",
                "0-Jan-2024 10:00:00 +0000", "32-Dec-2024 10:00:00 +0000", "1-Jux-2024 10:00:00 +0000", "1-Jan-2024 24:00:00 +0000",
                "1-Jan-2024 10:00:00 +0060", "1-Jan-2024 10:00:00", "1-Jan-2024 10:00:00 +0000 x", "1-Jän-2024 10:00:00 +0000")) {
            assertThrows(FetchLine.Malformed.class, () -> FetchDates.internalDate(bytes(bad)), bad);
        }
        assertEquals(Instant.parse("2000-02-29T10:00:00Z").getEpochSecond(), FetchDates.internalDate(bytes("29-Feb-2000 10:00:00 +0000")));
        assertEquals(Instant.parse("1969-12-31T23:00:00Z").getEpochSecond(), FetchDates.internalDate(bytes(" 1-Jan-1970 00:00:00 +0100")));
    }

    private static long sentDate(String header) {
        return FetchDates.sentDate(bytes(header));
    }

    /** The items of a FETCH answer, the bytes after "* n FETCH". */
    private static FetchLine parse(byte[] items) throws FetchLine.Malformed {
        return FetchLine.parse(items, 0, items.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : bytes((String) part));
        }
        return out.toByteArray();
    }
}
