package org.padlockmail.ui.report;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.LockState;

/**
 * What the connection report window shows, as label/value rows in the user's language: the connection
 * (mode, protocol, cipher suite, key exchange, trust, policy) and each certificate of the chain.
 */
public final class ConnectionReportViewModel {

    /** One line of a details table. */
    public record Row(String label, String value) {
    }

    private final ConnectionReport report;
    private final ResourceBundle text;
    private final Locale locale;
    private final DateTimeFormatter dates;

    public ConnectionReportViewModel(ConnectionReport report, ResourceBundle text, Locale locale, ZoneId zone) {
        this.report = report;
        this.text = text;
        this.locale = locale;
        this.dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    }

    public String title() {
        return format("report.title", report.endpoint().service().name(), report.endpoint().address());
    }

    public LockState lock() {
        return report.lock();
    }

    public String service() {
        return report.endpoint().service().name();
    }

    /** The report's own sentence (why it is secure, or why it was refused). */
    public String message() {
        return report.message();
    }

    public List<Row> connectionRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(text.getString("report.mode"), switch (report.endpoint().mode()) {
            case TLS -> text.getString("report.mode.tls");
            case STARTTLS -> text.getString("report.mode.starttls");
            case PLAIN -> text.getString("report.mode.plain");
        }));
        rows.add(new Row(text.getString("report.time"), date(report.time())));
        if (report.tls() != null) {
            rows.add(new Row(text.getString("report.protocol"), report.tls().protocol().replace("TLSv", "TLS ")));
            rows.add(new Row(text.getString("report.cipherSuite"), report.tls().cipherSuite()));
            rows.add(new Row(text.getString("report.keyExchange"),
                    report.tls().keyExchange() != null ? report.tls().keyExchange() : text.getString("report.notSeen")));
        }
        rows.add(new Row(text.getString("report.trust"),
                report.trust() != null ? report.trust().describe() : text.getString("report.trust.none")));
        rows.add(new Row(text.getString("report.policy"), report.policy()));
        return rows;
    }

    /** The chain as the server sent it, leaf first. */
    public List<CertificateFacts> chain() {
        return report.chain();
    }

    public String noCertificate() {
        return text.getString("report.noCertificate");
    }

    public String copyLabel() {
        return text.getString("report.copy");
    }

    public String chainHeading() {
        return text.getString("report.chain");
    }

    public List<Row> certificateRows(CertificateFacts certificate) {
        return List.of(
                new Row(text.getString("certificate.subject"), certificate.subject()),
                new Row(text.getString("certificate.issuer"), certificate.issuer()),
                new Row(text.getString("certificate.validity"), format("certificate.validityRange",
                        date(certificate.notBefore()), date(certificate.notAfter()))),
                new Row(text.getString("certificate.names"), String.join(", ", certificate.subjectAltNames())),
                new Row(text.getString("certificate.key"), format("certificate.keyDescription",
                        certificate.keyType(), Integer.toString(certificate.keyBits()))),
                new Row(text.getString("certificate.signature"), certificate.signatureAlgorithm()),
                new Row(text.getString("certificate.sha256"), grouped(certificate.sha256())),
                new Row(text.getString("certificate.spkiSha256"), grouped(certificate.spkiSha256())));
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

    private String date(Instant instant) {
        return dates.format(instant);
    }

    private String format(String key, Object... arguments) {
        return new MessageFormat(text.getString(key), locale).format(arguments);
    }
}
