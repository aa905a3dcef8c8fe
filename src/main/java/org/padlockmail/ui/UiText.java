package org.padlockmail.ui;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.padlockmail.security.CertificateFacts;

/**
 * The user's language for the whole UI: texts from the bundle, dates in the user's locale, and
 * certificate facts as label/value rows.
 */
public final class UiText {

    /** One line of a details table. */
    public record Row(String label, String value) {
    }

    private final ResourceBundle text;
    private final Locale locale;
    private final DateTimeFormatter dates;

    public UiText(ResourceBundle text, Locale locale, ZoneId zone) {
        this.text = text;
        this.locale = locale;
        this.dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    }

    public String get(String key) {
        return text.getString(key);
    }

    public String format(String key, Object... arguments) {
        return new MessageFormat(text.getString(key), locale).format(arguments);
    }

    /** A byte count for people: "812 bytes", "14 KB", "2.3 MB". */
    public String size(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return bytes < 1024 ? format("size.bytes", bytes)
                : bytes < 1024 * 1024 ? format("size.kilobytes", Math.round(bytes / 1024.0))
                : format("size.megabytes", String.format(locale, "%.1f", bytes / (1024.0 * 1024)));
    }

    public Locale locale() {
        return locale;
    }

    /** A short date for lists: the time for today, else the date. */
    public String shortDate(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        java.time.ZonedDateTime when = instant.atZone(dates.getZone());
        java.time.LocalDate today = now.atZone(dates.getZone()).toLocalDate();
        if (when.toLocalDate().equals(today)) {
            return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(when);
        }
        if (when.getYear() == today.getYear()) {
            // Java 17 has no localized month-day skeleton; these two cover our two languages, others get the short date.
            String pattern = locale.getLanguage().equals("zh") ? "M月d日" : locale.getLanguage().equals("en") ? "MMM d" : null;
            if (pattern != null) {
                return DateTimeFormatter.ofPattern(pattern, locale).format(when);
            }
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale).format(when);
    }

    public String date(Instant instant) {
        return dates.format(instant);
    }

    public List<Row> rows(CertificateFacts certificate) {
        return List.of(
                new Row(get("certificate.subject"), certificate.subject()),
                new Row(get("certificate.issuer"), certificate.issuer()),
                new Row(get("certificate.validity"), format("certificate.validityRange",
                        date(certificate.notBefore()), date(certificate.notAfter()))),
                new Row(get("certificate.names"), String.join(", ", certificate.subjectAltNames())),
                new Row(get("certificate.key"), format("certificate.keyDescription",
                        certificate.keyType(), Integer.toString(certificate.keyBits()))),
                new Row(get("certificate.signature"), certificate.signatureAlgorithm()),
                new Row(get("certificate.sha256"), grouped(certificate.sha256())),
                new Row(get("certificate.spkiSha256"), grouped(certificate.spkiSha256())));
    }

    /** "3ED0 4FAE …", eight groups a line: easy to read aloud and compare with what an administrator says. */
    public static String grouped(String hex) {
        StringBuilder out = new StringBuilder();
        String upper = hex.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i += 4) {
            if (i > 0) {
                out.append(i % 32 == 0 ? '\n' : ' ');
            }
            out.append(upper, i, Math.min(i + 4, upper.length()));
        }
        return out.toString();
    }
}
