package org.padlockmail.ui.report;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.padlockmail.security.CertificateFacts;

/** Certificate facts as label/value rows in the user's language, and dates in the user's locale. */
public final class CertificateText {

    /** One line of a details table. */
    public record Row(String label, String value) {
    }

    private final ResourceBundle text;
    private final Locale locale;
    private final DateTimeFormatter dates;

    public CertificateText(ResourceBundle text, Locale locale, ZoneId zone) {
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
