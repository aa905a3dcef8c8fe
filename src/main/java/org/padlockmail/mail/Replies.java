package org.padlockmail.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Drafts for reply, reply all and forward, threaded with In-Reply-To and References (RFC 5322, 3.6.4). */
public final class Replies {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);

    private Replies() {
    }

    /** A reply to the sender (Reply-To when set), or to everyone but me with {@code all}. */
    public static MessageDraft reply(MessageContent original, String myAddress, boolean all, ZoneId zone, Locale locale) {
        Map<String, String> to = byAddress(original.replyTo().isEmpty() ? List.of(original.from()) : original.replyTo());
        Map<String, String> cc = new LinkedHashMap<>();
        if (all) {
            cc.putAll(byAddress(original.to()));
            cc.putAll(byAddress(original.cc()));
            cc.keySet().removeAll(to.keySet());
        }
        to.remove(myAddress.toLowerCase(Locale.ROOT));
        cc.remove(myAddress.toLowerCase(Locale.ROOT));
        String intro = original.sent() == null ? original.from() + " wrote:"
                : "On " + WHEN.withLocale(locale).format(original.sent().atZone(zone)) + ", " + original.from() + " wrote:";
        StringBuilder text = new StringBuilder("\n\n").append(intro).append('\n');
        for (String line : bodyOf(original).split("\r?\n", -1)) {
            text.append(line.startsWith(">") ? ">" : "> ").append(line).append('\n');
        }
        return new MessageDraft(List.copyOf(to.values()), List.copyOf(cc.values()), List.of(),
                prefixed("Re: ", original.subject()), text.toString(), null, List.of(), original.messageId(), thread(original));
    }

    /** A forward of the text inline, with the original's headers; the original's attachments are not carried along. */
    public static MessageDraft forward(MessageContent original) {
        String text = "\n\n---------- Forwarded message ----------\n"
                + "From: " + original.from() + "\n"
                + (original.sent() != null ? "Date: " + original.sent() + "\n" : "")
                + "Subject: " + nullToEmpty(original.subject()) + "\n"
                + "To: " + String.join(", ", original.to()) + "\n\n" + bodyOf(original);
        return new MessageDraft(List.of(), List.of(), List.of(), prefixed("Fwd: ", original.subject()), text, null, List.of(),
                null, thread(original));
    }

    private static List<String> thread(MessageContent original) {
        List<String> references = new ArrayList<>(original.references());
        if (original.messageId() != null && !references.contains(original.messageId())) {
            references.add(original.messageId());
        }
        return references;
    }

    private static String prefixed(String prefix, String subject) {
        String s = nullToEmpty(subject);
        return s.regionMatches(true, 0, prefix, 0, prefix.length()) ? s : prefix + s;
    }

    private static String bodyOf(MessageContent original) {
        if (original.text() != null) {
            return original.text().strip();
        }
        return original.html() == null ? "" : org.jsoup.Jsoup.parse(original.html()).wholeText().strip();
    }

    /** Address → the form the composer parses (names quoted or encoded as needed), without duplicates. */
    private static Map<String, String> byAddress(List<String> displayed) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : displayed) {
            try {
                for (InternetAddress address : InternetAddress.parse(entry, false)) {
                    result.putIfAbsent(address.getAddress().toLowerCase(Locale.ROOT), address.toString());
                }
            } catch (AddressException e) {
                // an unparsable address cannot be replied to; the user sees the others
            }
        }
        return result;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
