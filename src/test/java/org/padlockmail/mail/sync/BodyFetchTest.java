package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.HostileServer;

/** Whole messages by UID for offline reading (UID FETCH BODY.PEEK[]), against GreenMail and hostile servers. */
class BodyFetchTest {

    @TempDir
    Path folder;

    @RegisterExtension
    final GreenMailbox server = new GreenMailbox();

    @BeforeEach
    void start() throws Exception {
        server.append("INBOX",
            GreenMailbox.message("someone@green.test", "one", "The first message."),
            GreenMailbox.message("someone@green.test", "two", "第二封信，离线也能读。"),
            GreenMailbox.message("someone@green.test", "three", "The third message."));
    }

    private long uidValidity() throws Exception {
        return server.uidValidity("INBOX");
    }

    @Test
    void theMessagesAskedForComeWholeAndStayUnread() throws Exception {
        Map<Long, byte[]> sources;
        try (SyncConnection connection = SyncConnection.open(server.account(), "pw", ScriptedImap.connector(folder), r -> { },
                SyncOptions.defaults())) {
            sources = connection.bodies("INBOX", uidValidity(), new long[] {3, 2});
        }
        assertEquals(Set.of(2L, 3L), sources.keySet());
        MimeMessage two = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sources.get(2L)));
        assertEquals("two", two.getSubject());
        assertEquals("第二封信，离线也能读。", ((String) two.getContent()).strip());
        Folder inbox = server.other().getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        for (Message m : inbox.getMessages()) {
            assertFalse(m.isSet(Flags.Flag.SEEN), "BODY.PEEK: " + m.getSubject() + " is still unread");
        }
        inbox.close();
    }

    @Test
    void aChangedUidValidityFetchesNothing() throws Exception {
        try (SyncConnection connection = SyncConnection.open(server.account(), "pw", ScriptedImap.connector(folder), r -> { },
                SyncOptions.defaults())) {
            assertEquals(Map.of(), connection.bodies("INBOX", uidValidity() + 1, new long[] {1, 2, 3}),
                    "the cache's UIDs name other messages now");
            assertTrue(connection.isOpen());
        }
    }

    @Test
    void whatWasNotAskedForIsDroppedAndAnUnreadableAnswerStopsTheConnection() throws Exception {
        ScriptedImap script = new ScriptedImap("IMAP4rev1 AUTH=PLAIN")
                .reply("EXAMINE .*", "* 3 EXISTS", "* OK [UIDVALIDITY 7] v")
                .reply("UID FETCH 2:3 \\(UID BODY.PEEK\\[\\]\\)",
                        "* 1 FETCH (UID 1 BODY[] {9}\r\nSubject:1)", // not asked for: another message's text
                        "* 2 FETCH (UID 2 BODY[] {9}\r\nSubject:2)",
                        "* 3 FETCH (UID 3 BODY[] NIL)");
        try (HostileServer server = new HostileServer().then(script).start();
             SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                     ScriptedImap.connector(folder), r -> { }, SyncOptions.defaults().withCompress(false))) {
            Map<Long, byte[]> sources = connection.bodies("INBOX", 7, new long[] {2, 3});
            assertEquals(Set.of(2L), sources.keySet());
            assertArrayEquals("Subject:2".getBytes(StandardCharsets.US_ASCII), sources.get(2L));
        }

        ScriptedImap broken = new ScriptedImap("IMAP4rev1 AUTH=PLAIN")
                .reply("EXAMINE .*", "* 3 EXISTS", "* OK [UIDVALIDITY 7] v")
                .reply("UID FETCH 2 \\(UID BODY.PEEK\\[\\]\\)", "* 2 FETCH (UID 2 BODY[] not-a-string)");
        try (HostileServer server = new HostileServer().then(broken).start();
             SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                     ScriptedImap.connector(folder), r -> { }, SyncOptions.defaults().withCompress(false))) {
            SyncException e = assertThrows(SyncException.class, () -> connection.bodies("INBOX", 7, new long[] {2}));
            assertEquals(SyncException.Kind.PROTOCOL_VIOLATION, e.kind(), e.getMessage());
            assertFalse(connection.isOpen(), "the connection is closed");
        }
    }
}
