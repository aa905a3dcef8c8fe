package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.security.TlsPolicy;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;
import org.padlockmail.ui.certificate.CertificatePromptView;
import org.padlockmail.ui.certificate.CertificatePromptViewModel;
import org.padlockmail.ui.certificate.CertificatePromptViewModel.Decision;
import org.padlockmail.ui.UiText;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Both certificate prompts, with refusals made by the real trust evaluator; snapshots in English and Chinese. */
@ExtendWith(ApplicationExtension.class)
class CertificatePromptViewTest {

    private static final Endpoint SERVER = new Endpoint(Service.IMAP, "mail.example.org", 993, SecurityMode.TLS);
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    private static Refusal refusalFor(TestCertificates.Credential offered, Path pins) {
        return new TrustEvaluator(TrustAnchors.of(List.of()), new PinStore(pins), TlsPolicy.defaults())
                .evaluate(SERVER, offered.chain(), Instant.now()).refusal();
    }

    private CertificatePromptViewModel show(FxRobot robot, Refusal refusal, Locale locale, String snapshot) throws Exception {
        CertificatePromptViewModel model = new CertificatePromptViewModel(SERVER, refusal,
                new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", locale), locale, ZoneOffset.UTC));
        CertificatePromptView[] view = new CertificatePromptView[1];
        robot.interact(() -> {
            view[0] = new CertificatePromptView(model);
            stage.setScene(new Scene(view[0], refusal.existingPin() != null ? 1040 : 720, refusal.existingPin() != null ? 520 : 700));
        });
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view[0].snapshot(null, null));
        Snapshots.write(shot[0], snapshot);
        WaitForAsyncUtils.waitForFxEvents(); // laid out before a robot clicks on it
        return model;
    }

    @Test
    void aSelfSignedCertificateCanBeTrustedButCancelIsTheDefault(FxRobot robot) throws Exception {
        Path pins = Files.createTempDirectory("pins").resolve("pins.json");
        Refusal refusal = refusalFor(TestCertificates.selfSigned(Spec.forHost("other.example.org")), pins);
        CertificatePromptViewModel model = show(robot, refusal, Locale.ENGLISH, "certificate-prompt-en.png");
        assertTrue(robot.lookup(".certificate-problem").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("• Self-signed: ")));
        assertTrue(robot.lookup(".certificate-problem").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("• Issued for another name: ")));
        pressEnter(robot);
        assertEquals(Decision.CANCEL, model.decisionProperty().get(), "Enter cancels");
        // Trusting takes a deliberate move away from Cancel: Shift+Tab to "Trust", then Space.
        CertificatePromptViewModel again = show(robot, refusal, Locale.ENGLISH, "certificate-prompt-en.png");
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        robot.type(KeyCode.SPACE);
        assertEquals(Decision.TRUST, again.decisionProperty().get());
    }

    @Test
    void anExpiredCertificateNeedsTheRiskConfirmedFirst(FxRobot robot) throws Exception {
        Path pins = Files.createTempDirectory("pins").resolve("pins.json");
        CertificatePromptViewModel model = show(robot, refusalFor(TestCertificates.selfSigned(Spec.forHost("mail.example.org").expired()), pins),
                Locale.ENGLISH, "certificate-prompt-expired-en.png");
        Button accept = robot.lookup("#accept").queryButton();
        assertTrue(accept.isDisabled());
        robot.clickOn(robot.lookup(".check-box").queryAs(CheckBox.class));
        assertFalse(accept.isDisabled());
        robot.clickOn("#accept");
        assertEquals(Decision.TRUST, model.decisionProperty().get());
    }

    @Test
    void aChangedKeyShowsOldAndNewAndReplacingTakesAConfirmation(FxRobot robot) throws Exception {
        Path pins = Files.createTempDirectory("pins").resolve("pins.json");
        TestCertificates.Credential original = TestCertificates.selfSigned(Spec.forHost("mail.example.org"));
        new PinStore(pins).add(SERVER, original.leaf(), Instant.parse("2026-10-01T08:00:00Z"));
        Refusal mismatch = refusalFor(TestCertificates.selfSigned(Spec.forHost("mail.example.org").otherKey()), pins);
        CertificatePromptViewModel model = show(robot, mismatch, Locale.ENGLISH, "pin-mismatch-en.png");

        List<String> values = robot.lookup(".report-value").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(values.contains(UiText.grouped(org.padlockmail.security.CertificateFacts.spkiSha256(original.leaf()))));
        assertTrue(values.contains(UiText.grouped(org.padlockmail.security.CertificateFacts.spkiSha256(mismatch.leaf().orElseThrow()))));
        Button replace = robot.lookup("#accept").queryButton();
        assertTrue(replace.isDisabled(), "replacing a pin takes a deliberate action");
        pressEnter(robot);
        assertEquals(Decision.CANCEL, model.decisionProperty().get());
        robot.clickOn(robot.lookup(".check-box").queryAs(CheckBox.class));
        robot.clickOn("#accept");
        assertEquals(Decision.REPLACE, model.decisionProperty().get());
    }

    /** Enter as the prompt opens: the focus is on Cancel, which is also the default button. */
    private static void pressEnter(FxRobot robot) {
        robot.type(KeyCode.ENTER);
    }

    @Test
    void bothPromptsRenderInChinese(FxRobot robot) throws Exception {
        Path pins = Files.createTempDirectory("pins").resolve("pins.json");
        CertificatePromptViewModel first = show(robot, refusalFor(TestCertificates.selfSigned(Spec.forHost("mail.example.org")), pins),
                Locale.SIMPLIFIED_CHINESE, "certificate-prompt-zh.png");
        assertEquals("您信任 mail.example.org 的证书吗？", first.title());
        TestCertificates.Credential original = TestCertificates.selfSigned(Spec.forHost("mail.example.org"));
        new PinStore(pins).add(SERVER, original.leaf(), Instant.parse("2026-10-01T08:00:00Z"));
        CertificatePromptViewModel loud = show(robot, refusalFor(TestCertificates.selfSigned(Spec.forHost("mail.example.org").otherKey()), pins),
                Locale.SIMPLIFIED_CHINESE, "pin-mismatch-zh.png");
        assertEquals("mail.example.org 的身份已改变", loud.title());
        assertNull(loud.decisionProperty().get());
    }
}
