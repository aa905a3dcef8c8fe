package org.padlockmail.mail.sync;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.util.Date;

/**
 * The two dates of a header row as epoch seconds, read from the answer's bytes for the forms servers and
 * mailers actually send: INTERNALDATE ({@code "17-Jul-1996 02:44:25 -0700"}, RFC 3501) and the RFC 5322
 * Date header ({@code "Mon, 7 Feb 1994 21:52:25 -0800 (PST)"}). Two dates per row of a 100,000-row sync:
 * no String, no {@code LocalDate}, no case conversion, so a JVM that has not run the sync yet has little
 * to compile. A Date header in any other shape goes to jakarta.mail's lenient parser; one it cannot read
 * either counts as none.
 */
final class FetchDates {

    /**
     * The month names, three lower-case ASCII letters each, packed as {@code (c1 << 16) | (c2 << 8) | c3}: a
     * table searched, not a switch, whose months not seen yet the JIT would compile as traps (see epoch).
     */
    private static final int[] MONTHS = {
        packed("jan"), packed("feb"), packed("mar"), packed("apr"), packed("may"), packed("jun"),
        packed("jul"), packed("aug"), packed("sep"), packed("oct"), packed("nov"), packed("dec"),
    };

    private FetchDates() {
    }

    /** INTERNALDATE: date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE. */
    static long internalDate(byte[] s) throws FetchLine.Malformed {
        Cursor c = new Cursor(s);
        try {
            int day = c.number(1, 2);
            c.expect('-');
            int month = c.month();
            c.expect('-');
            int year = c.number(4, 4);
            c.expect(' ');
            long seconds = c.time();
            c.expect(' ');
            int zone = c.numericZone();
            if (!c.atEnd()) {
                throw new IllegalArgumentException();
            }
            return epoch(year, month, day, seconds, zone);
        } catch (IllegalArgumentException e) {
            throw new FetchLine.Malformed("an unreadable INTERNALDATE \"" + FetchLine.text(s) + "\"");
        }
    }

    /** The Date header's time, or 0 when it has none that can be read. */
    static long sentDate(byte[] s) {
        Cursor c = new Cursor(s);
        try {
            c.skipDayName();
            int day = c.number(1, 2);
            c.spaces(true);
            int month = c.month();
            c.spaces(true);
            int year = c.number(2, 4);
            if (year < 50 && c.lastDigits() <= 2) {
                year += 2000; // RFC 5322 4.3: two-digit years
            } else if (year < 1000) {
                year += 1900;
            }
            c.spaces(true);
            long seconds = c.time();
            c.spaces(false);
            int zone = c.atEnd() ? 0 : c.zone();
            c.spaces(false);
            if (!c.atEnd() && c.peek() != '(') {
                throw new IllegalArgumentException();
            }
            return epoch(year, month, day, seconds, zone);
        } catch (IllegalArgumentException e) {
            Date date = new MailDateFormat().parse(FetchLine.text(s), new ParsePosition(0));
            return date == null ? 0 : date.getTime() / 1000;
        }
    }

    /** Days in each month, of a common year (row 0) and a leap year (row 1); index 0 unused. */
    private static final int[][] MONTH_DAYS = {
        {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    };

    /**
     * Epoch seconds of a proleptic Gregorian date and time; a day the month does not have is refused.
     * Arithmetic rather than branches on the month or the leap year: a branch the JIT has not seen taken
     * (February, a leap day) would throw away the compiled parse of the whole FETCH answer it is inlined in.
     */
    private static long epoch(int year, int month, int day, long secondsOfDay, int zoneSeconds) {
        // year >= 0 here (at most four digits), so % and / need no sign care
        int leap = 1 - (year % 4 + 3) / 4 - (1 - (year % 100 + 99) / 100) + (1 - (year % 400 + 399) / 400);
        if (day < 1 || day > MONTH_DAYS[leap][month]) {
            throw new IllegalArgumentException();
        }
        return daysFromCivil(year, month, day) * 86_400 + secondsOfDay - zoneSeconds;
    }

    /** Days since 1970-01-01 (H. Hinnant's days_from_civil, for years from 0 on), the year counted from March. */
    private static long daysFromCivil(int year, int month, int day) {
        int beforeMarch = (14 - month) / 12; // 1 for January and February, else 0
        int y = year - beforeMarch;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month - 3 + 12 * beforeMarch) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int packed(String month) {
        return (month.charAt(0) << 16) | (month.charAt(1) << 8) | month.charAt(2);
    }

    /** Reads ASCII: any other byte is neither digit, letter nor space, so only a trailing comment may hold one. */
    private static final class Cursor {
        private final byte[] s;
        private int pos;
        private final int end;
        private int digits;

        /** Over the bytes without the white space around them, as {@code String.strip} would leave them. */
        Cursor(byte[] s) {
            this.s = s;
            int from = 0;
            int to = s.length;
            while (from < to && whiteSpace(s[from])) {
                from++;
            }
            while (to > from && whiteSpace(s[to - 1])) {
                to--;
            }
            this.pos = from;
            this.end = to;
        }

        /** Character.isWhitespace for ASCII: HT, LF, VT, FF, CR, the four separators and space. */
        private static boolean whiteSpace(byte b) {
            return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20);
        }

        private static boolean digit(byte b) {
            return b >= '0' && b <= '9';
        }

        private static boolean letter(byte b) {
            return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
        }

        boolean atEnd() {
            return pos >= end;
        }

        byte peek() {
            if (atEnd()) {
                throw new IllegalArgumentException();
            }
            return s[pos];
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException();
            }
            pos++;
        }

        /** Spaces (a fixed-format day may be space-padded, so spaces before a number are skipped too). */
        void spaces(boolean required) {
            int start = pos;
            while (!atEnd() && (s[pos] == ' ' || s[pos] == '\t')) {
                pos++;
            }
            if (required && pos == start) {
                throw new IllegalArgumentException();
            }
        }

        int lastDigits() {
            return digits;
        }

        int number(int min, int max) {
            while (!atEnd() && s[pos] == ' ') {
                pos++;
            }
            int start = pos;
            int value = 0;
            while (!atEnd() && pos - start < max && digit(s[pos])) {
                value = value * 10 + (s[pos] - '0');
                pos++;
            }
            digits = pos - start;
            if (digits < min || (!atEnd() && digit(s[pos]))) {
                throw new IllegalArgumentException();
            }
            return value;
        }

        int month() {
            if (pos + 3 > end) {
                throw new IllegalArgumentException();
            }
            // | 0x20 lower-cases a letter; what it does to other bytes cannot make a month name
            int name = ((s[pos] | 0x20) << 16) | ((s[pos + 1] | 0x20) << 8) | (s[pos + 2] | 0x20);
            for (int i = 0; i < MONTHS.length; i++) {
                if (MONTHS[i] == name) {
                    pos += 3;
                    return i + 1;
                }
            }
            throw new IllegalArgumentException();
        }

        /** "Mon, " and the like: a letter first and a comma within the first ten bytes. */
        void skipDayName() {
            if (atEnd() || !letter(s[pos])) {
                return;
            }
            for (int i = pos; i < end && i - pos <= 10; i++) {
                if (s[i] == ',') {
                    pos = i + 1;
                    spaces(false);
                    return;
                }
            }
        }

        /** hh:mm[:ss] as seconds of the day. */
        long time() {
            int h = number(1, 2);
            expect(':');
            int m = number(2, 2);
            int sec = 0;
            if (!atEnd() && s[pos] == ':') {
                pos++;
                sec = number(2, 2);
            }
            if (h > 23 || m > 59 || sec > 60) {
                throw new IllegalArgumentException();
            }
            return h * 3600L + m * 60L + Math.min(sec, 59);
        }

        /** +hhmm / -hhmm, as seconds east of UTC. */
        int numericZone() {
            byte sign = peek();
            if (sign != '+' && sign != '-') {
                throw new IllegalArgumentException();
            }
            pos++;
            int start = pos;
            int hhmm = number(4, 4);
            if (pos - start != 4 || hhmm % 100 > 59) {
                throw new IllegalArgumentException();
            }
            int seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60;
            return sign == '-' ? -seconds : seconds;
        }

        /** A numeric zone, or one of the names RFC 5322 4.3 keeps (others, military ones included, as UTC). */
        int zone() {
            byte c = peek();
            if (c == '+' || c == '-') {
                return numericZone();
            }
            int start = pos;
            while (!atEnd() && letter(s[pos])) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException();
            }
            if (pos - start != 3) {
                return 0;
            }
            int name = ((s[start] | 0x20) << 16) | ((s[start + 1] | 0x20) << 8) | (s[start + 2] | 0x20);
            return switch (name) {
                case 'e' << 16 | 'd' << 8 | 't' -> -4 * 3600;
                case 'e' << 16 | 's' << 8 | 't', 'c' << 16 | 'd' << 8 | 't' -> -5 * 3600;
                case 'c' << 16 | 's' << 8 | 't', 'm' << 16 | 'd' << 8 | 't' -> -6 * 3600;
                case 'm' << 16 | 's' << 8 | 't', 'p' << 16 | 'd' << 8 | 't' -> -7 * 3600;
                case 'p' << 16 | 's' << 8 | 't' -> -8 * 3600;
                default -> 0; // UT, GMT, Z and the rest: RFC 5322 reads unknown zones as -0000
            };
        }
    }
}
