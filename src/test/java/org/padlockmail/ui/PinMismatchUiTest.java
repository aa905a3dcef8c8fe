package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.testing.Snapshots;
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
 * The server's key changed since it was pinned: the loud mismatch warning appears, the server has
 * received no password (not even a login command), Cancel keeps the old pin, and only an explicitly
 * confirmed "Replace" pins the new key and lets the login go ahead.
 */
@ExtendWith(ApplicationExtension.class)
class PinMismatchUiTest {

    private static final String PASSWORD = "never-before-the-user-decides";
    private static final TestCertificates.Credential PINNED = TestCertificates.selfSigned(Spec.forHost("127.0.0.1"));
    private static final TestCertificates.Credential CHANGED = TestCertificates.selfSigned(Spec.forHost("127.0.0.1").otherKey());

    @TempDir
    static Path config;
    private HostileServer server;
    private DesktopTesting desktop;
    private Endpoint imap;

    @Start
    void start(Stage stage) throws Exception {
        server = new HostileServer().startTls(HostileServer.Tls.of(CHANGED)).send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready")
                .then(MailDialogues.imap(true)).start();
        int closedPort;
        try (ServerSocket nothing = new ServerSocket(0)) {
            closedPort = nothing.getLocalPort();
        }
        imap = new Endpoint(Service.IMAP, "127.0.0.1", server.port(), SecurityMode.TLS);
        Account account = Account.create("Changed", "me@example.org", "me@example.org",
                new ServerSettings("127.0.0.1", server.port(), SecurityMode.TLS, false),
                new ServerSettings("127.0.0.1", closedPort, SecurityMode.TLS, false));
        new AccountStore(config.resolve("accounts.json")).save(account);
        new PinStore(new ConfigFolder(config).pinFile()).add(imap, PINNED.leaf(), Instant.now().minus(Duration.ofDays(40)));
        MemoryPasswords passwords = new MemoryPasswords();
        passwords.save(account.id(), PASSWORD);
        desktop = DesktopTesting.start(stage, config, Locale.ENGLISH, passwords);
    }

    @AfterEach
    void close() throws Exception {
        desktop.close();
        server.close();
    }

    @Test
    void theWarningComesBeforeAnyCredentialAndReplacingTakesAnExplicitConfirmation(FxRobot robot) throws Exception {
        waitUntil(Duration.ofSeconds(20), "the pin-mismatch warning", () -> robot.lookup(".pin-mismatch-warning").tryQuery().isPresent());
        assertFalse(credentialSent(), "no password before the user decides");
        assertFalse(server.receivedText().toUpperCase(Locale.ROOT).matches("(?s).*(LOGIN|AUTHENTICATE).*"), "not even a login command");
        Node warning = robot.lookup(".pin-mismatch-warning").query();
        Snapshots.write(onFx(() -> warning.getScene().getRoot().snapshot(null, null)), "pin-mismatch-dialog-app-en.png");

        Button replace = robot.lookup("#accept").queryButton();
        assertTrue(onFx(replace::isDisabled), "replacing needs the confirmation ticked first");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        PinStore pins = desktop.session.pins();
        assertEquals(1, pins.all().size());
        String pinnedKey = pins.find("127.0.0.1", server.port()).orElseThrow().spkiSha256();
        LockIndicator lock = robot.lookup("#imap-lock").queryAs(LockIndicator.class);
        assertEquals(LockState.BLOCKED, onFx(lock::getState), "the lock shows the refusal");
        assertFalse(credentialSent());

        // The user checked the new key with the administrator: Get mail, confirm, replace.
        DesktopTesting.runFx(() -> desktop.app.model().refresh(desktop.app.model().accounts().get(0)));
        waitUntil(Duration.ofSeconds(20), "the warning again", () -> robot.lookup(".pin-mismatch-warning").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".pin-mismatch-warning .check-box").queryAs(CheckBox.class));
        robot.clickOn("#accept");
        waitUntil(Duration.ofSeconds(20), "the new key pinned and the lock pinned", () -> lock.getState() == LockState.PINNED);
        String newKey = pins.find("127.0.0.1", server.port()).orElseThrow().spkiSha256();
        assertFalse(newKey.equals(pinnedKey), "the pin now holds the new key");
        waitUntil(Duration.ofSeconds(10), "the login after the decision", this::credentialSent);
    }

    /** The password as LOGIN sends it or inside AUTHENTICATE PLAIN's base64. */
    private boolean credentialSent() {
        String plain = java.util.Base64.getEncoder().encodeToString(("\0me@example.org\0" + PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return server.receivedText().contains(PASSWORD) || server.receivedText().contains(plain);
    }
}
