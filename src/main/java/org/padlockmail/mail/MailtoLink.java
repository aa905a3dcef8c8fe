package org.padlockmail.mail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code mailto:} link (RFC 6068) as a draft: the addresses before "?", and to, cc, bcc, subject and
 * body fields after it. Any other field (including headers such as In-Reply-To) is ignored, so a link
 * on a web page cannot set more than a person could type.
 */
public final class MailtoLink {

    private MailtoLink() {
    }

    public static boolean isMailto(String text) {
        return text != null && text.regionMatches(true, 0, "mailto:", 0, 7);
    }

    public static MessageDraft parse(String link) {
        if (!isMailto(link)) {
            throw new IllegalArgumentException("not a mailto: link");
        }
        String rest = link.substring(7);
        int query = rest.indexOf('?');
        List<String> to = new ArrayList<>(addresses(query < 0 ? rest : rest.substring(0, query)));
        List<String> cc = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        String subject = "";
        String body = "";
        if (query >= 0) {
            for (String field : rest.substring(query + 1).split("&")) {
                int equals = field.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = decode(field.substring(0, equals)).toLowerCase(Locale.ROOT);
                String value = decode(field.substring(equals + 1));
                switch (name) {
                    case "to" -> to.addAll(addresses(value));
                    case "cc" -> cc.addAll(addresses(value));
                    case "bcc" -> bcc.addAll(addresses(value));
                    case "subject" -> subject = value;
                    case "body" -> body = value.replace("\r\n", "\n");
                    default -> { }
                }
            }
        }
        return new MessageDraft(to, cc, bcc, subject, body, null, List.of(), null, List.of());
    }

    private static List<String> addresses(String part) {
        List<String> addresses = new ArrayList<>();
        for (String address : decode(part).split(",")) {
            if (!address.isBlank()) {
                addresses.add(address.trim());
            }
        }
        return addresses;
    }

    /** Percent-decoding only: in a mailto: link "+" is a plus sign (RFC 6068 §5), not a space. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
