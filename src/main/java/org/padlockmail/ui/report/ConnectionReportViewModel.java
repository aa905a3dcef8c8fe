package org.padlockmail.ui.report;

import org.padlockmail.ui.UiText;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.LockState;

/**
 * What the connection report window shows, as label/value rows in the user's language: the connection
 * (mode, protocol, cipher suite, key exchange, trust, policy) and the certificate chain.
 */
public final class ConnectionReportViewModel {

    private final ConnectionReport report;
    private final UiText text;

    public ConnectionReportViewModel(ConnectionReport report, ResourceBundle bundle, Locale locale, ZoneId zone) {
        this(report, new UiText(bundle, locale, zone));
    }

    public ConnectionReportViewModel(ConnectionReport report, UiText text) {
        this.report = report;
        this.text = text;
    }

    public UiText text() {
        return text;
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

    public List<UiText.Row> connectionRows() {
        List<UiText.Row> rows = new ArrayList<>();
        rows.add(new UiText.Row(text.get("report.mode"), switch (report.endpoint().mode()) {
            case TLS -> text.get("report.mode.tls");
            case STARTTLS -> text.get("report.mode.starttls");
            case PLAIN -> text.get("report.mode.plain");
        }));
        rows.add(new UiText.Row(text.get("report.time"), date(report.time())));
        if (report.tls() != null) {
            rows.add(new UiText.Row(text.get("report.protocol"), report.tls().protocol().replace("TLSv", "TLS ")));
            rows.add(new UiText.Row(text.get("report.cipherSuite"), report.tls().cipherSuite()));
            rows.add(new UiText.Row(text.get("report.keyExchange"),
                    report.tls().keyExchange() != null ? report.tls().keyExchange() : text.get("report.notSeen")));
        }
        rows.add(new UiText.Row(text.get("report.trust"),
                report.trust() != null ? report.trust().describe() : text.get("report.trust.none")));
        rows.add(new UiText.Row(text.get("report.policy"), report.policy()));
        return rows;
    }

    /** The chain as the server sent it, leaf first. */
    public List<CertificateFacts> chain() {
        return report.chain();
    }

    public String noCertificate() {
        return text.get("report.noCertificate");
    }

    public String chainHeading() {
        return text.get("report.chain");
    }

    private String date(Instant instant) {
        return text.date(instant);
    }

    private String format(String key, Object... arguments) {
        return text.format(key, arguments);
    }
}
