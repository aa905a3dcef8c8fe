package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.DesktopTesting.find;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.config.ConfigFolder;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountStore;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.LockState;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.testing.HostileServer;
import org.padlockmail.testing.MailDialogues;
import org.padlockmail.testing.MemoryPasswords;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;
import org.padlockmail.ui.lock.LockIndicator;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The submission server strips STARTTLS: the SMTP lock shows the refusal, and a message sent from the
 * compose window is refused with the reason in the window, kept in the outbox, and no password or
 * message byte reaches the server.
 */
@ExtendWith(ApplicationExtension.class)
class SendRefusedUiTest {

    private static final String PASSWORD = "smtp-password-stays-home";
    private static final TestCertificates.Credential IMAP_KEY = TestCertificates.selfSigned(Spec.forHost("127.0.0.1"));

    @TempDir
    static Path config;
    private HostileServer imap;
    private HostileServer smtp;
    private DesktopTesting desktop;

    @Start
    void start(Stage stage) throws Exception {
        imap = new HostileServer().startTls(HostileServer.Tls.of(IMAP_KEY)).send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready")
                .then(MailDialogues.imap(true)).start();
        smtp = new HostileServer().send("220 stripper.test ESMTP").expect("EHLO .*").send("250-stripper.test")
                .send("250 AUTH PLAIN LOGIN").then(MailDialogues.smtp(true, true)).start();
        Account account = Account.create("Stripped", "me@example.org", "me@example.org",
                new ServerSettings("127.0.0.1", imap.port(), SecurityMode.TLS, false),
                new ServerSettings("127.0.0.1", smtp.port(), SecurityMode.STARTTLS, false));
        new AccountStore(config.resolve("accounts.json")).save(account);
        new PinStore(new ConfigFolder(config).pinFile()).add(new Endpoint(Service.IMAP, "127.0.0.1", imap.port(), SecurityMode.TLS),
                IMAP_KEY.leaf(), Instant.now());
        MemoryPasswords passwords = new MemoryPasswords();
        passwords.save(account.id(), PASSWORD);
        desktop = DesktopTesting.start(stage, config, Locale.ENGLISH, passwords);
    }

    @AfterEach
    void close() throws Exception {
        desktop.close();
        imap.close();
        smtp.close();
    }

    @Test
    void aStrippedStartTlsKeepsTheMessageAndSaysWhy(FxRobot robot) throws Exception {
        LockIndicator smtpLock = robot.lookup("#smtp-lock").queryAs(LockIndicator.class);
        waitUntil(Duration.ofSeconds(20), "the SMTP lock blocked", () -> smtpLock.getState() == LockState.BLOCKED);

        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#action-compose");
        waitUntil(Duration.ofSeconds(5), "the compose window", () -> find(robot, "#compose-to", TextField.class) != null);
        robot.clickOn("#compose-to").write("friend@example.org");
        robot.clickOn("#compose-subject").write("Must not leak");
        robot.clickOn("#compose-body").write("This text must never cross an unencrypted connection.");
        robot.clickOn("#compose-send");

        Label result = robot.lookup("#compose-result").queryAs(Label.class);
        waitUntil(Duration.ofSeconds(20), "the refusal in the compose window", () -> result.getText().startsWith("Not sent yet"));
        assertTrue(onFx(result::getText).contains("STARTTLS"), "the reason names what went wrong: " + onFx(result::getText));
        assertTrue(onFx(() -> result.getScene().getWindow().isShowing()), "the window stays open with the reason");
        Path outbox = config.resolve("outbox");
        try (Stream<Path> files = Files.walk(outbox)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".eml")).count(), "the message is kept in the outbox");
        }
        String received = smtp.receivedText();
        assertFalse(received.contains("AUTH") || received.contains("never cross") || received.contains("MAIL FROM"),
                "nothing but EHLO reached the stripping server: " + received);
    }
}
