package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountStore;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.MimeComposer;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.SmtpSubmission;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.testing.RealMailServers;

/** The password appears in no settings file, no log record (at the most verbose level) and no command line. */
@ExtendWith(RealMailServers.class)
class PasswordHygieneIT {

    @TempDir
    Path folder;

    @Test
    void aFullSessionLeavesThePasswordInNoFileAndNoLog() throws Exception {
        String password = RealMailServers.alicePassword();
        Account alice = RealMailServers.account("Alice", RealMailServers.ALICE, RealMailServers.IMAP_STARTTLS,
                SecurityMode.STARTTLS, RealMailServers.SUBMISSIONS, SecurityMode.TLS);
        new AccountStore(folder.resolve("accounts.json")).save(alice);
        SecureConnector connector = RealMailServers.trustingConnector(folder.resolve("pins.json"));

        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        PrintStream out = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            try (ImapSession session = ImapSession.open(alice, password, connector, r -> { })) {
                session.folders();
            }
            new SmtpSubmission(connector, r -> { }).send(alice, password, new MimeComposer(Clock.systemUTC())
                    .compose(alice, MessageDraft.of(List.of(RealMailServers.BOB), "hygiene", "x")));
        } finally {
            System.setOut(out);
            root.removeHandler(capture);
            root.setLevel(before);
        }
        assertTrue(logged.size() > 0, "the capture saw nothing; the test would prove nothing");
        assertTrue(logged.stream().noneMatch(line -> line.contains(password)), "a log record holds the password");
        assertFalse(console.toString(StandardCharsets.UTF_8).contains(password));
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(password), file + " holds the password");
            }
        }
    }

    @Test
    void theProbesCommandLineNeverHoldsThePassword() throws Exception {
        String password = RealMailServers.alicePassword();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "padlock-mail.jar").toAbsolutePath().toString(), "probe", "imap",
                RealMailServers.HOST, Integer.toString(RealMailServers.IMAP_STARTTLS), "--security", "starttls",
                "--user", RealMailServers.ALICE, "--password-env", "HYGIENE_PASSWORD",
                "--ca", RealMailServers.caFile().toString(), "--pins", folder.resolve("pins.json").toString())
                .redirectErrorStream(true);
        builder.environment().put("HYGIENE_PASSWORD", password);
        Process process = builder.start();
        List<String> commandLines = new ArrayList<>();
        while (process.isAlive()) {
            Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            if (Files.exists(cmdline)) {
                commandLines.add(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' '));
            }
            Thread.sleep(50);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(output.contains("secure"), output);
        assertFalse(commandLines.isEmpty(), "the process was never seen running");
        assertTrue(commandLines.stream().noneMatch(line -> line.contains(password)), "the password is on the command line");
        assertFalse(output.contains(password));
    }
}
