package org.padlockmail.mail.sync;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ImapSession;

/**
 * A GreenMail IMAP server in the JVM with one user, the account to reach it (plaintext on loopback, the
 * password allowed), and a second connection of Angus' own ({@link #other}) to put mail there and look
 * at the server's side of what a test did. A JUnit extension: a fresh one for every test,
 * {@code @RegisterExtension final GreenMailbox server = new GreenMailbox();}.
 */
final class GreenMailbox implements BeforeEachCallback, AfterEachCallback {

    static final String USER = "user@green.test";
    static final String PASSWORD = "pw";

    private GreenMail greenMail;
    private Path pinFolder;
    private Account account;
    private IMAPStore other;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        greenMail.setUser(USER, USER, PASSWORD);
        Account scripted = ScriptedImap.account(greenMail.getImap().getPort());
        account = Account.create("Green", USER, USER, scripted.imap(), scripted.smtp());
        pinFolder = Files.createTempDirectory("greenmailbox-pins");
        other = ImapSession.openStore(account, PASSWORD, ScriptedImap.connector(pinFolder), r -> { },
                new ImapSession.StoreTuning(Duration.ofSeconds(10), false, null));
    }

    Account account() {
        return account;
    }

    IMAPStore other() {
        return other;
    }

    void append(String folder, Message... messages) throws Exception {
        other.getFolder(folder).appendMessages(messages);
    }

    long uidValidity(String folder) throws Exception {
        return ((IMAPFolder) other.getFolder(folder)).getUIDValidity();
    }

    /** A plain-text message to the user, UTF-8. */
    static MimeMessage message(String from, String subject, String body) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, USER);
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        return m;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            other.close();
        } finally {
            greenMail.stop();
            try (Stream<Path> files = Files.walk(pinFolder)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
