package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.settings.TlsSettingsView;
import org.padlockmail.ui.settings.TlsSettingsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The security settings of an account: tightening, loosening with a warning, and the plaintext allowance. */
@ExtendWith(ApplicationExtension.class)
class TlsSettingsTest {

    private static final Account TLS_ACCOUNT = Account.create("Alice", "alice@example.org", "alice",
            new ServerSettings("imap.example.org", 993, SecurityMode.TLS, false),
            new ServerSettings("smtp.example.org", 465, SecurityMode.TLS, false));
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    private static List<String> jvmSuites() throws Exception {
        return Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    }

    @Test
    void thePolicysSuitesAreTickedAndLooseningIsWarnedAboutAndStored() throws Exception {
        TlsSettingsViewModel model = new TlsSettingsViewModel(TLS_ACCOUNT, jvmSuites());
        assertTrue(model.suites().stream().allMatch(s -> s.allowedProperty().get() == TLS_ACCOUNT.tlsPolicy().cipherSuites().contains(s.name())));
        assertFalse(model.weakAllowedBinding().get());
        assertEquals(List.of(), model.apply().cipherSuites(), "unchanged means: the policy's suites");

        model.suites().stream().filter(s -> s.name().equals("TLS_RSA_WITH_AES_128_GCM_SHA256")).findFirst().orElseThrow()
                .allowedProperty().set(true);
        assertTrue(model.weakAllowedBinding().get());
        Account loosened = model.apply();
        assertTrue(loosened.cipherSuites().contains("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertTrue(loosened.tlsPolicy().describe().contains("SOME WITHOUT AEAD OR FORWARD SECRECY"));

        model.minimumProperty().set("TLSv1.3");
        assertEquals(List.of("TLSv1.3"), model.apply().tlsPolicy().protocols());

        model.suites().forEach(s -> s.allowedProperty().set(false));
        assertTrue(model.noneAllowedBinding().get());
        assertThrows(IllegalStateException.class, model::apply);
    }

    @Test
    void thePlaintextAllowanceOnlyAppliesToPlaintextServers() throws Exception {
        assertFalse(new TlsSettingsViewModel(TLS_ACCOUNT, jvmSuites()).plaintextApplicable());
        Account mixed = Account.create("Bob", "bob@lan", "bob", new ServerSettings("nas.lan", 143, SecurityMode.PLAIN, false),
                new ServerSettings("smtp.example.org", 587, SecurityMode.STARTTLS, false));
        TlsSettingsViewModel model = new TlsSettingsViewModel(mixed, jvmSuites());
        assertTrue(model.plaintextApplicable());
        model.plaintextPasswordProperty().set(true);
        Account allowed = model.apply();
        assertTrue(allowed.imap().allowPlaintextPassword());
        assertFalse(allowed.smtp().allowPlaintextPassword(), "never on an encrypted server");
    }

    @Test
    void theViewSavesWhatWasTickedAndRendersInBothLanguages(FxRobot robot) throws Exception {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            TlsSettingsViewModel model = new TlsSettingsViewModel(TLS_ACCOUNT, jvmSuites());
            UiText text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", locale), locale, ZoneOffset.UTC);
            AtomicReference<Account> saved = new AtomicReference<>();
            TlsSettingsView[] view = new TlsSettingsView[1];
            robot.interact(() -> {
                model.suites().stream().filter(s -> s.name().equals("TLS_RSA_WITH_AES_256_GCM_SHA384")).findFirst()
                        .ifPresent(s -> s.allowedProperty().set(true));
                view[0] = new TlsSettingsView(model, text, saved::set);
                stage.setScene(new Scene(view[0], 640, 600));
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#plaintext-password").queryAs(CheckBox.class).isDisabled());
            WritableImage[] shot = new WritableImage[1];
            robot.interact(() -> shot[0] = view[0].snapshot(null, null));
            Snapshots.write(shot[0], "tls-settings-" + locale.getLanguage() + ".png");
            robot.interact(() -> robot.lookup("#save-tls").queryButton().fire());
            assertTrue(saved.get().cipherSuites().contains("TLS_RSA_WITH_AES_256_GCM_SHA384"));
        }
    }
}
