package org.padlockmail.mail.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Folder;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.HostileServer;

/** The server's search (UID SEARCH TEXT) against GreenMail in the JVM; Dovecot's is in MailAccountIT. */
class ServerSearchTest {

    @TempDir
    Path folder;

    @RegisterExtension
    final GreenMailbox server = new GreenMailbox();

    @BeforeEach
    void start() throws Exception {
        server.append("INBOX",
            message("Quarterly numbers", "The budget for the harbour project is attached."),
            message("Lunch", "Shall we meet at the harbour at noon?"),
            message("会议", "请查看会议纪要，预算已经更新。"),
            message("Budget review", "Nothing about boats here."));
    }

    private static MimeMessage message(String subject, String body) throws Exception {
        return GreenMailbox.message("someone@green.test", subject, body);
    }

    private ServerHits search(String... words) throws Exception {
        try (SyncConnection connection = SyncConnection.open(server.account(), "pw", ScriptedImap.connector(folder), r -> { },
                SyncOptions.defaults())) {
            return connection.search("INBOX", List.of(words));
        }
    }

    private long uidValidity() throws Exception {
        return server.uidValidity("INBOX");
    }

    @Test
    void findsAWordInTheBodiesWithTheFoldersUidValidity() throws Exception {
        ServerHits hits = search("harbour");
        assertArrayEquals(new long[] {1, 2}, hits.uids());
        assertEquals("INBOX", hits.folder());
        assertEquals(uidValidity(), hits.uidValidity());
    }

    @Test
    void everyWordMustMatchInTheHeaderOrTheBody() throws Exception {
        assertArrayEquals(new long[] {1}, search("budget", "harbour").uids()); // one in the body, one in the subject
        assertArrayEquals(new long[] {1, 4}, search("BUDGET").uids());
        assertArrayEquals(new long[] {}, search("harbour", "boats").uids());
    }

    @Test
    void findsChineseTextAndPhrasesWithSpaces() throws Exception {
        assertArrayEquals(new long[] {3}, search("会议纪要").uids());
        assertArrayEquals(new long[] {2}, search("meet at the harbour").uids());
    }

    @Test
    void aServerThatAnswersWithWhatIsNoUidOrMoreThanTheFolderHoldsIsStopped() throws Exception {
        String tooMany = "* SEARCH " + java.util.stream.LongStream.rangeClosed(1, 10_003)
                .mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(" "));
        for (String answer : List.of("* SEARCH 1 2 x", "* SEARCH 1 0", "* SEARCH 4294967296", tooMany)) {
            ScriptedImap script = new ScriptedImap("IMAP4rev1 AUTH=PLAIN")
                    .reply("EXAMINE .*", "* 2 EXISTS", "* OK [UIDVALIDITY 7] v")
                    .reply("UID SEARCH TEXT harbour", answer);
            try (HostileServer server = new HostileServer().then(script).start();
                 SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                         ScriptedImap.connector(folder), r -> { }, SyncOptions.defaults().withCompress(false))) {
                SyncException e = assertThrows(SyncException.class, () -> connection.search("INBOX", List.of("harbour")));
                assertEquals(SyncException.Kind.PROTOCOL_VIOLATION, e.kind(), e.getMessage());
                assertFalse(connection.isOpen(), "the connection is closed after a violation");
            }
        }
    }

    @Test
    void aRefusedSearchSaysWhatTheServerSaid() throws Exception {
        ScriptedImap script = new ScriptedImap("IMAP4rev1 AUTH=PLAIN")
                .reply("EXAMINE .*", "* 2 EXISTS", "* OK [UIDVALIDITY 7] v")
                // no LITERAL+: the server answers the command line instead of asking for the word's bytes
                .on("UID SEARCH CHARSET UTF-8 TEXT \\{\\d+\\}", (c, tag) -> c.write(tag + " NO [BADCHARSET (US-ASCII)] no such charset\r\n"));
        try (HostileServer server = new HostileServer().then(script).start();
             SyncConnection connection = SyncConnection.open(ScriptedImap.account(server.port()), "secret",
                     ScriptedImap.connector(folder), r -> { }, SyncOptions.defaults().withCompress(false))) {
            SyncException e = assertThrows(SyncException.class, () -> connection.search("INBOX", List.of("会议")));
            assertEquals(SyncException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("BADCHARSET"), e.getMessage());
            assertTrue(connection.isOpen(), "a refusal leaves the connection in step");
        }
    }

    @Test
    void anEmptyFolderFindsNothing() throws Exception {
        server.other().getFolder("Archive").create(Folder.HOLDS_MESSAGES);
        try (SyncConnection connection = SyncConnection.open(server.account(), "pw", ScriptedImap.connector(folder), r -> { },
                SyncOptions.defaults())) {
            assertArrayEquals(new long[] {}, connection.search("Archive", List.of("harbour")).uids());
        }
    }
}
