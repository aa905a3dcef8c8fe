package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountStore;
import org.padlockmail.mail.FolderInfo;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.MailConnectionException;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.testing.RealMailServers;

/** Reading mail from the real Dovecot: folders, lists, bodies in several charsets, attachments, flags, move, delete. */
@ExtendWith(RealMailServers.class)
class ImapSessionIT {

    @TempDir
    Path folder;

    private Account alice;
    private SecureConnector connector;
    private final List<ConnectionReport> reports = new ArrayList<>();
    private String testFolder;

    @BeforeEach
    void account() throws Exception {
        alice = RealMailServers.account("Alice", RealMailServers.ALICE, RealMailServers.IMAPS, SecurityMode.TLS,
                RealMailServers.SUBMISSION, SecurityMode.STARTTLS);
        connector = RealMailServers.trustingConnector(folder.resolve("pins.json"));
        testFolder = "Test-" + UUID.randomUUID().toString().substring(0, 8);
        try (ImapSession session = open()) {
            session.createFolder(testFolder);
        }
    }

    private ImapSession open() throws MailConnectionException {
        return ImapSession.open(alice, RealMailServers.alicePassword(), connector, reports::add);
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    @Test
    void foldersHaveTheirRolesAndCounts() throws Exception {
        try (ImapSession session = open()) {
            session.append(testFolder, plain("one"), true);
            session.append(testFolder, plain("two"), false);
            Map<String, FolderInfo> folders = session.folders().stream()
                    .collect(Collectors.toMap(FolderInfo::fullName, f -> f));
            assertEquals(FolderInfo.SpecialUse.INBOX, folders.get("INBOX").specialUse());
            assertEquals(FolderInfo.SpecialUse.SENT, folders.get("Sent").specialUse());
            assertEquals(FolderInfo.SpecialUse.TRASH, folders.get("Trash").specialUse());
            assertEquals(FolderInfo.SpecialUse.DRAFTS, folders.get("Drafts").specialUse());
            assertEquals(2, folders.get(testFolder).total());
            assertEquals(1, folders.get(testFolder).unread());
        }
        assertFalse(reports.isEmpty());
        assertTrue(reports.stream().allMatch(r -> r.outcome() == Outcome.SECURE), "every connection is reported secure");
    }

    @Test
    void readsAChineseHtmlMessageAndSavesItsAttachmentByteIdentical() throws Exception {
        byte[] attachment = new byte[70_000];
        new Random(7).nextBytes(attachment);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("bob@padlock.test", "鲍勃", "UTF-8"));
        message.setRecipients(MimeMessage.RecipientType.TO, RealMailServers.ALICE);
        message.setSubject("你好，Padlock – 测试", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("纯文本：你好", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>网页：<b>你好</b></p>", "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName("数据.bin");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(file);
        message.setContent(mixed);
        message.saveChanges();

        try (ImapSession session = open()) {
            long uid = session.append(testFolder, message, false);
            assertTrue(uid > 0, "Dovecot has UIDPLUS");
            MessageRow row = session.newest(testFolder, 10).get(0);
            assertEquals(uid, row.uid());
            assertEquals("你好，Padlock – 测试", row.subject());
            assertEquals("鲍勃 <bob@padlock.test>", row.from());
            assertFalse(row.seen());

            MessageContent content = session.read(testFolder, uid);
            assertEquals("纯文本：你好", content.text());
            assertEquals("<p>网页：<b>你好</b></p>", content.html());
            assertEquals(1, content.attachments().size());
            assertEquals("数据.bin", content.attachments().get(0).fileName());
            Path saved = folder.resolve("saved.bin");
            assertEquals(attachment.length, session.saveAttachment(testFolder, uid, 0, saved));
            assertArrayEquals(attachment, Files.readAllBytes(saved));
            assertFalse(session.byUid(testFolder, uid, uid).get(0).seen(), "reading does not mark as read by itself");

            ByteArrayOutputStream source = new ByteArrayOutputStream();
            session.writeSource(testFolder, uid, source);
            assertTrue(source.toString(StandardCharsets.US_ASCII).contains("Content-Type: multipart/mixed"));
        }
    }

    @Test
    void inlineImagesAreListedWithTheirContentIdForCidLinks() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("inline image");
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p><img src=\"cid:logo@padlock\"></p>", "UTF-8", "html");
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png")));
        image.setContentID("<logo@padlock>");
        image.setDisposition(MimeBodyPart.INLINE);
        related.addBodyPart(html);
        related.addBodyPart(image);
        message.setContent(related);
        message.saveChanges();
        try (ImapSession session = open()) {
            long uid = session.append(testFolder, message, true);
            MessageContent content = session.read(testFolder, uid);
            assertTrue(content.html().contains("cid:logo@padlock"));
            assertEquals(1, content.attachments().size());
            assertEquals("<logo@padlock>", content.attachments().get(0).contentId());
            assertEquals("image/png", content.attachments().get(0).contentType());
        }
    }

    @Test
    void decodesAGbkBodyAndAnIso2022JpSubject() throws Exception {
        byte[] head = ("From: sender@example.jp\r\nTo: alice@padlock.test\r\nSubject: "
                + jakarta.mail.internet.MimeUtility.encodeText("日本語の件名", "ISO-2022-JP", "B")
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = "简体中文正文，GBK 编码\r\n".getBytes(Charset.forName("GBK"));
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);
        try (ImapSession session = open()) {
            long uid = session.append(testFolder, parse(raw), true);
            MessageContent content = session.read(testFolder, uid);
            assertEquals("日本語の件名", content.subject());
            assertEquals("简体中文正文，GBK 编码\r\n", content.text());
            assertNull(content.html());
        }
    }

    @Test
    void flagsRoundTripBetweenTwoSessions() throws Exception {
        try (ImapSession first = open(); ImapSession second = open()) {
            long uid = first.append(testFolder, plain("flag me"), false);
            first.setFlag(testFolder, uid, Flags.Flag.FLAGGED, true);
            first.setFlag(testFolder, uid, Flags.Flag.SEEN, true);
            MessageRow seen = second.byUid(testFolder, uid, uid).get(0);
            assertTrue(seen.flagged() && seen.seen());
            second.setFlag(testFolder, uid, Flags.Flag.FLAGGED, false);
            first.setFlag(testFolder, uid, Flags.Flag.ANSWERED, true);
            MessageRow back = first.byUid(testFolder, uid, uid).get(0);
            assertFalse(back.flagged());
            assertTrue(back.answered());
        }
    }

    @Test
    void moveThenDeleteToTrashThenDeleteForGood() throws Exception {
        String other = testFolder + "-moved";
        try (ImapSession session = open()) {
            session.createFolder(other);
            String subject = "move me " + UUID.randomUUID();
            long uid = session.append(testFolder, plain(subject), true);
            session.move(testFolder, uid, other);
            assertTrue(session.byUid(testFolder, uid, uid).isEmpty());
            MessageRow moved = session.newest(other, 1).get(0);
            assertEquals(subject, moved.subject());

            session.delete(other, moved.uid());
            assertTrue(session.newest(other, 5).isEmpty());
            MessageRow inTrash = session.newest("Trash", 50).stream().filter(r -> subject.equals(r.subject())).findFirst().orElseThrow();
            session.delete("Trash", inTrash.uid());
            assertTrue(session.newest("Trash", 50).stream().noneMatch(r -> subject.equals(r.subject())));
            session.deleteFolder(other);
        }
    }

    @Test
    void copyKeepsTheOriginalAndRenameKeepsTheMessages() throws Exception {
        String renamed = testFolder + "-renamed";
        try (ImapSession session = open()) {
            long uid = session.append(testFolder, plain("copy me"), true);
            session.createFolder(renamed + "-target");
            long copy = session.copy(testFolder, uid, renamed + "-target");
            assertTrue(copy > 0);
            assertEquals("copy me", session.byUid(renamed + "-target", copy, copy).get(0).subject());
            assertEquals(1, session.byUid(testFolder, uid, uid).size(), "the original stays");

            session.renameFolder(testFolder, renamed);
            Map<String, FolderInfo> folders = session.folders().stream().collect(Collectors.toMap(FolderInfo::fullName, f -> f));
            assertFalse(folders.containsKey(testFolder));
            assertEquals(1, folders.get(renamed).total());
            session.deleteFolder(renamed);
            session.deleteFolder(renamed + "-target");
            assertFalse(session.folders().stream().anyMatch(f -> f.fullName().startsWith(renamed)));
        }
    }

    @Test
    void savingADraftAgainKeepsOneCopyInDrafts() throws Exception {
        String marker = "draft " + UUID.randomUUID();
        try (ImapSession session = open()) {
            long first = session.replaceDraft("Drafts", plain(marker + " v1"), -1);
            long second = session.replaceDraft("Drafts", plain(marker + " v2"), first);
            List<MessageRow> copies = session.newest("Drafts", 100).stream()
                    .filter(r -> r.subject().startsWith(marker)).toList();
            assertEquals(1, copies.size());
            assertEquals(second, copies.get(0).uid());
            assertEquals(marker + " v2", copies.get(0).subject());
        }
    }

    @Test
    void aFailedLoginIsClassifiedAndLeavesTheAccountAlone() throws Exception {
        AccountStore accounts = new AccountStore(folder.resolve("accounts.json"));
        accounts.save(alice);
        String before = Files.readString(folder.resolve("accounts.json"));
        MailConnectionException failure = assertThrows(MailConnectionException.class,
                () -> ImapSession.open(alice, "wrong-password", connector, reports::add));
        assertEquals(Outcome.AUTH_FAILED, failure.problem().outcome());
        assertEquals(Outcome.SECURE, failure.problem().report().outcome());
        assertEquals(before, Files.readString(folder.resolve("accounts.json")));
        assertFalse(before.contains(RealMailServers.alicePassword()));
    }

    private static MimeMessage plain(String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("bob@padlock.test"));
        message.setRecipients(MimeMessage.RecipientType.TO, RealMailServers.ALICE);
        message.setSubject(subject, "UTF-8");
        message.setText("body of " + subject, "UTF-8");
        message.saveChanges();
        return message;
    }
}
