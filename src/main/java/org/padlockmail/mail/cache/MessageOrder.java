package org.padlockmail.mail.cache;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The order of a message list: by date (the internal date, when the server got the message), by sender or
 * by subject, either way. Sender and subject sort as a reader sees them: the sender's name rather than the
 * raw header, the subject without its "Re:" and "Fwd:" (as Thunderbird does), case folded; equal ones
 * newest first.
 */
public record MessageOrder(Column column, boolean descending) {

    public enum Column { DATE, SENDER, SUBJECT }

    /** What a folder opens with. */
    public static final MessageOrder NEWEST_FIRST = new MessageOrder(Column.DATE, true);

    /** Reply and forward prefixes of the mail programs people use, English, German, Nordic, Dutch and Chinese. */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:re|fw|fwd|aw|wg|sv|vs|antw|回复|答复|转发)\\s*(?:\\[\\d+])?\\s*[:：]\\s*", Pattern.CASE_INSENSITIVE);

    public MessageOrder {
        if (column == null) {
            throw new IllegalArgumentException("no column");
        }
    }

    /** What sorts a sender: the display name of {@code Name <address>}, else the address; case folded. */
    public static String senderKey(String from) {
        if (from == null) {
            return "";
        }
        int open = from.lastIndexOf(" <");
        String name = open > 0 ? from.substring(0, open) : from;
        return name.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }

    /** What sorts a subject: without reply and forward prefixes, however many; case folded. */
    public static String subjectKey(String subject) {
        if (subject == null) {
            return "";
        }
        String rest = subject;
        for (String shorter = PREFIX.matcher(rest).replaceFirst(""); !shorter.equals(rest);
             shorter = PREFIX.matcher(rest).replaceFirst("")) {
            rest = shorter;
        }
        return rest.strip().toLowerCase(Locale.ROOT);
    }
}
