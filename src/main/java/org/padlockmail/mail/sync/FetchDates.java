package org.padlockmail.mail.sync;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Date;
import java.util.Locale;

/**
 * The two dates of a header row as epoch seconds, read without a {@code SimpleDateFormat} for the forms
 * servers and mailers actually send: INTERNALDATE ({@code "17-Jul-1996 02:44:25 -0700"}, RFC 3501) and
 * the RFC 5322 Date header ({@code "Mon, 7 Feb 1994 21:52:25 -0800 (PST)"}). A Date header in any other
 * shape goes to jakarta.mail's lenient parser, as it did before; one it cannot read either counts as none.
 */
final class FetchDates {

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private FetchDates() {
    }

    /** INTERNALDATE: date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE. */
    static long internalDate(String s) throws FetchLine.Malformed {
        Cursor c = new Cursor(s.strip());
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
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new FetchLine.Malformed("an unreadable INTERNALDATE \"" + s + "\"");
        }
    }

    /** The Date header's time, or 0 when it has none that can be read. */
    static long sentDate(String s) {
        Cursor c = new Cursor(s.strip());
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
        } catch (IllegalArgumentException | DateTimeException e) {
            Date date = new MailDateFormat().parse(s, new ParsePosition(0));
            return date == null ? 0 : date.getTime() / 1000;
        }
    }

    private static long epoch(int year, int month, int day, long secondsOfDay, int zoneSeconds) {
        return LocalDate.of(year, month, day).toEpochDay() * 86_400 + secondsOfDay - zoneSeconds;
    }

    private static final class Cursor {
        private final String s;
        private int pos;
        private int digits;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            if (atEnd()) {
                throw new IllegalArgumentException();
            }
            return s.charAt(pos);
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
            while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
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
            while (!atEnd() && s.charAt(pos) == ' ') {
                pos++;
            }
            int start = pos;
            int value = 0;
            while (!atEnd() && pos - start < max && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 0x80) {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            digits = pos - start;
            if (digits < min || (!atEnd() && Character.isDigit(s.charAt(pos)))) {
                throw new IllegalArgumentException();
            }
            return value;
        }

        int month() {
            if (pos + 3 > s.length()) {
                throw new IllegalArgumentException();
            }
            int at = MONTHS.indexOf(s.substring(pos, pos + 3).toLowerCase(Locale.ROOT));
            if (at < 0 || at % 3 != 0) {
                throw new IllegalArgumentException();
            }
            pos += 3;
            return at / 3 + 1;
        }

        void skipDayName() {
            int comma = s.indexOf(',');
            if (comma >= 0 && comma <= 10 && !atEnd() && Character.isLetter(s.charAt(0))) {
                pos = comma + 1;
                spaces(false);
            }
        }

        /** hh:mm[:ss] as seconds of the day. */
        long time() {
            int h = number(1, 2);
            expect(':');
            int m = number(2, 2);
            int sec = 0;
            if (!atEnd() && s.charAt(pos) == ':') {
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
            char sign = peek();
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
            char c = peek();
            if (c == '+' || c == '-') {
                return numericZone();
            }
            int start = pos;
            while (!atEnd() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException();
            }
            return switch (s.substring(start, pos).toUpperCase(Locale.ROOT)) {
                case "EDT" -> -4 * 3600;
                case "EST", "CDT" -> -5 * 3600;
                case "CST", "MDT" -> -6 * 3600;
                case "MST", "PDT" -> -7 * 3600;
                case "PST" -> -8 * 3600;
                default -> 0; // UT, GMT, Z and the rest: RFC 5322 reads unknown zones as -0000
            };
        }
    }
}
