package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.security.TlsDetails;
import org.padlockmail.security.TlsPolicy;
import org.padlockmail.security.TrustBasis;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.ui.report.ConnectionReportView;
import org.padlockmail.ui.report.ConnectionReportViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The connection report in English and Chinese, with snapshots of both under target/ui-snapshots. */
@ExtendWith(ApplicationExtension.class)
class ConnectionReportViewTest {

    private static final ConnectionReport REPORT = report();
    private Stage stage;

    private static ConnectionReport report() {
        TestCertificates.Authority ca = TestCertificates.authority("Padlock Test Root");
        var chain = ca.issue(TestCertificates.Spec.forHost("imap.example.org", "mail.example.org")).chain();
        return new ConnectionReport(new Endpoint(Service.IMAP, "imap.example.org", 993, SecurityMode.TLS),
                Instant.parse("2026-11-28T10:15:00Z"), Outcome.SECURE, "Encrypted with TLS 1.3, verified by Padlock Test Root.",
                new TlsDetails("TLSv1.3", "TLS_AES_256_GCM_SHA384", "x25519"), CertificateFacts.ofChain(chain),
                TrustBasis.authority("Padlock Test Root"), TlsPolicy.defaults().describe());
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    private ConnectionReportView show(FxRobot robot, Locale locale) {
        ConnectionReportView[] view = new ConnectionReportView[1];
        robot.interact(() -> {
            ResourceBundle text = ResourceBundle.getBundle("org.padlockmail.ui.messages", locale);
            view[0] = new ConnectionReportView(new ConnectionReportViewModel(REPORT, text, locale, ZoneOffset.UTC));
            stage.setScene(new Scene(view[0], 720, 700));
        });
        return view[0];
    }

    @Test
    void showsTheNegotiatedSuiteAndTheLeafsFingerprintsInEnglish(FxRobot robot) throws Exception {
        ConnectionReportView view = show(robot, Locale.ENGLISH);
        assertTrue(robot.lookup(".report-value").queryAllAs(Label.class).stream()
                .anyMatch(t -> t.getText().equals("TLS_AES_256_GCM_SHA384")), "the negotiated cipher suite is shown as is");
        TreeView<?> tree = robot.lookup(".tree-view").queryAs(TreeView.class);
        assertEquals(REPORT.chain().get(0), tree.getSelectionModel().getSelectedItem().getValue(), "the server's certificate is selected");
        String grouped = org.padlockmail.ui.UiText.grouped(REPORT.chain().get(0).spkiSha256());
        assertTrue(robot.lookup(".report-value").queryAllAs(Label.class).stream().anyMatch(t -> t.getText().equals(grouped)));
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        Snapshots.write(shot[0], "connection-report-en.png");
    }

    @Test
    void rendersInChinese(FxRobot robot) throws Exception {
        ConnectionReportView view = show(robot, Locale.SIMPLIFIED_CHINESE);
        assertTrue(robot.lookup(".report-label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "密码套件".equals(l.getText())));
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        Snapshots.write(shot[0], "connection-report-zh.png");
    }

    @Test
    void fingerprintsAreGroupedForReadingAloud() {
        assertEquals("ABCD EF01 2345 6789 ABCD EF01 2345 6789\nABCD", org.padlockmail.ui.UiText.grouped(
                "abcdef0123456789abcdef0123456789abcd"));
    }
}
