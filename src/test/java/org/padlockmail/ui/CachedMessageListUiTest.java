package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountStore;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.MailCache;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.testing.MemoryPasswords;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.ui.main.MainViewModel;
import org.padlockmail.ui.main.PagedMessageList;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The message list comes from the local cache: an account whose server cannot be reached, with 20,000
 * messages cached from an earlier run, shows them all at once, scrolls to the oldest while holding only a
 * few pages of rows, keeps the selected message selected when the folder changes under it, opens a message
 * read earlier without a connection, and searches the cache.
 */
@ExtendWith(ApplicationExtension.class)
class CachedMessageListUiTest {

    private static final int CACHED = 20_000;
    private static final long BASE_DATE = 1_700_000_000L;

    @TempDir
    static Path config;
    private static Account account;
    private static Path cacheFile;
    private DesktopTesting desktop;
    private Stage stage;

    @BeforeAll
    static void cacheFromAnEarlierRun() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort(); // nothing listens there once it is closed: the server is unreachable
        }
        account = Account.create("Offline", "offline@padlock.test", "offline@padlock.test",
                new ServerSettings("127.0.0.1", closedPort, SecurityMode.TLS, false),
                new ServerSettings("127.0.0.1", closedPort, SecurityMode.TLS, false));
        new AccountStore(config.resolve("accounts.json")).save(account);
        cacheFile = config.resolve("cache").resolve(account.id() + ".sqlite");
        try (MailCache cache = MailCache.open(cacheFile)) {
            List<CachedHeader> rows = new ArrayList<>();
            for (long uid = 1; uid <= CACHED; uid++) {
                rows.add(header(uid));
            }
            cache.folder("INBOX").putHeaders(rows);
            cache.folder("Archive").putHeaders(List.of(header(1, "archived 1"), header(2, "archived 2"), header(3, "archived 3")));
            cache.putBody("INBOX", 19_990, source("message 19990", "Read on the train, kept for offline."), "Read on the train");
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MemoryPasswords passwords = new MemoryPasswords();
        passwords.save(account.id(), "not-needed-offline");
        desktop = DesktopTesting.start(stage, config, Locale.ENGLISH, passwords);
    }

    @AfterEach
    void close() throws Exception {
        desktop.close();
    }

    @Test
    void twentyThousandCachedRowsScrollWithFewHeldAndOpenOffline(FxRobot robot) throws Exception {
        MainViewModel model = desktop.app.model();
        waitUntil(Duration.ofSeconds(20), "the saved account opened", () -> robot.lookup("#messages").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<MessageRow> list = robot.lookup("#messages").queryAs(TableView.class);
        PagedMessageList rows = model.visibleRows();

        waitUntil(Duration.ofSeconds(20), "the cached INBOX counted", () -> list.getItems().size() == CACHED);
        waitUntil(Duration.ofSeconds(10), "the newest row shown", () -> "message 20000".equals(list.getItems().get(0).subject()));
        waitUntil(Duration.ofSeconds(20), "the unreachable server reported", () -> !model.statusProperty().get().isEmpty());
        String status = onFx(() -> model.statusProperty().get());
        assertFalse(status.contains("Exception") || status.contains("\tat "), "a reason in words, not a stack trace: " + status);

        // Down the whole folder, one stop per 1,000 rows: each stop needs a page of its own.
        for (int index = 0; index < CACHED; index += 1_000) {
            int at = index;
            WaitForAsyncUtils.asyncFx(() -> list.scrollTo(at)).get();
            waitUntil(Duration.ofSeconds(10), "row " + at + " read", () -> list.getItems().get(at) != PagedMessageList.PLACEHOLDER);
        }
        WaitForAsyncUtils.asyncFx(() -> list.scrollTo(CACHED - 1)).get();
        waitUntil(Duration.ofSeconds(10), "the oldest message on screen", () -> robot.lookup(".table-cell")
                .match(n -> n instanceof javafx.scene.control.Labeled l && "message 1".equals(l.getText())).tryQuery().isPresent());
        int held = onFx(rows::heldRows);
        assertTrue(held > 0 && held <= 10 * PagedMessageList.PAGE_SIZE,
                "a few pages held, not the folder: " + held + " of " + CACHED + " rows");

        // Selected by UID: new mail above it moves it down, and it stays selected.
        WaitForAsyncUtils.asyncFx(() -> list.scrollTo(0)).get();
        waitUntil(Duration.ofSeconds(10), "the top rows read", () -> list.getItems().get(10) != PagedMessageList.PLACEHOLDER);
        DesktopTesting.clickRow(robot, "message 19990");
        waitUntil(Duration.ofSeconds(10), "the message read from the cache while offline", () -> robot.lookup(".message-subject")
                .tryQuery().map(n -> ((Label) n).getText().equals("message 19990")).orElse(false));
        try (MailCache sameFile = MailCache.open(cacheFile)) {
            List<CachedHeader> arrived = new ArrayList<>();
            for (long uid = CACHED + 1; uid <= CACHED + 10; uid++) {
                arrived.add(header(uid));
            }
            sameFile.folder("INBOX").putHeaders(arrived);
        }
        WaitForAsyncUtils.asyncFx(rows::reload).get();
        waitUntil(Duration.ofSeconds(10), "the new rows listed", () -> list.getItems().size() == CACHED + 10);
        waitUntil(Duration.ofSeconds(5), "the selection kept by UID", () -> list.getSelectionModel().getSelectedIndex() == 20);
        assertEquals(19_990, onFx(() -> list.getSelectionModel().getSelectedItem().uid()));

        // Several rows selected (to delete them, say) stay selected, all of them, when new mail arrives.
        DesktopTesting.clickRow(robot, "message 19998", KeyCode.CONTROL);
        waitUntil(Duration.ofSeconds(5), "two rows selected", () -> list.getSelectionModel().getSelectedItems().size() == 2);
        try (MailCache sameFile = MailCache.open(cacheFile)) {
            List<CachedHeader> arrived = new ArrayList<>();
            for (long uid = CACHED + 11; uid <= CACHED + 20; uid++) {
                arrived.add(header(uid));
            }
            sameFile.folder("INBOX").putHeaders(arrived);
        }
        WaitForAsyncUtils.asyncFx(rows::reload).get();
        waitUntil(Duration.ofSeconds(10), "more new rows listed", () -> list.getItems().size() == CACHED + 20);
        waitUntil(Duration.ofSeconds(5), "both rows still selected", () -> list.getSelectionModel().getSelectedIndices().size() == 2
                && list.getSelectionModel().getSelectedItems().stream().map(MessageRow::uid).collect(Collectors.toSet())
                        .equals(Set.of(19_990L, 19_998L)));
        assertEquals(19_998, onFx(() -> list.getSelectionModel().getSelectedItem().uid()), "the row clicked last is the selected one");
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "cached-list-offline-en.png");

        // The search box searches the cache of this folder; clearing it shows the folder again.
        robot.clickOn("#search").write("message 1234");
        waitUntil(Duration.ofSeconds(10), "the search results", () -> list.getItems().size() == 12);
        assertTrue(onFx(() -> list.getItems().stream().anyMatch(r -> r.uid() == 1234)), "message 1234 found");
        waitUntil(Duration.ofSeconds(20), "the server search reported as not made", () -> model.statusProperty().get()
                .startsWith("Only this computer's copy was searched: "), () -> model.statusProperty().get());
        assertEquals(12, onFx(() -> list.getItems().size()), "the cache's hits stay");
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#search").queryAs(TextField.class).clear()).get();
        waitUntil(Duration.ofSeconds(10), "the folder again", () -> list.getItems().size() == CACHED + 20);

        // A click on a column header sorts the whole folder (the cache sorts; the list still holds a few pages).
        robot.clickOn(columnHeader(robot, "Subject"));
        waitUntil(Duration.ofSeconds(10), "sorted by subject", () -> list.getItems().size() == CACHED + 20
                && "message 1".equals(list.getItems().get(0).subject()) && "message 10".equals(list.getItems().get(1).subject()));
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.write(onFx(() -> stage.getScene().getRoot().snapshot(null, null)), "sorted-by-subject-en.png");
        robot.clickOn(columnHeader(robot, "Subject"));
        waitUntil(Duration.ofSeconds(10), "sorted by subject, descending", () -> list.getItems().size() == CACHED + 20
                && "message 9999".equals(list.getItems().get(0).subject()));
        WaitForAsyncUtils.asyncFx(() -> list.scrollTo(CACHED + 19)).get();
        waitUntil(Duration.ofSeconds(10), "the last row in that order read", () -> "message 1".equals(list.getItems().get(CACHED + 19).subject()));
        assertTrue(onFx(rows::heldRows) <= 10 * PagedMessageList.PAGE_SIZE, "still a few pages held");

        // The order is the folder's: another folder opens newest first, and this one comes back as it was left.
        robot.clickOn(folderCell(robot, "Archive"));
        waitUntil(Duration.ofSeconds(10), "the other folder, newest first", () -> list.getItems().size() == 3
                && "archived 3".equals(list.getItems().get(0).subject()) && sortedBy(list, "Date", TableColumn.SortType.DESCENDING));
        robot.clickOn(folderCell(robot, "Inbox"));
        waitUntil(Duration.ofSeconds(10), "the INBOX by subject, descending, again", () -> list.getItems().size() == CACHED + 20
                && "message 9999".equals(list.getItems().get(0).subject()) && sortedBy(list, "Subject", TableColumn.SortType.DESCENDING));

        // It is kept on disk, so the next start opens the INBOX in that order too.
        desktop.close();
        Stage restarted = WaitForAsyncUtils.asyncFx(() -> {
            Stage next = new Stage();
            MemoryPasswords passwords = new MemoryPasswords();
            passwords.save(account.id(), "not-needed-offline");
            desktop = DesktopTesting.start(next, config, Locale.ENGLISH, passwords);
            return next;
        }).get();
        waitUntil(Duration.ofSeconds(20), "the account opened again", () -> restarted.getScene().lookup("#messages") != null);
        @SuppressWarnings("unchecked")
        TableView<MessageRow> again = (TableView<MessageRow>) onFx(() -> restarted.getScene().lookup("#messages"));
        waitUntil(Duration.ofSeconds(20), "the INBOX by subject, descending, after a restart", () -> again.getItems().size() == CACHED + 20
                && "message 9999".equals(again.getItems().get(0).subject()) && sortedBy(again, "Subject", TableColumn.SortType.DESCENDING));
        robot.clickOn(columnHeader(robot, "Date"));
        waitUntil(Duration.ofSeconds(10), "by date, oldest first", () -> again.getItems().size() == CACHED + 20
                && "message 1".equals(again.getItems().get(0).subject()) && sortedBy(again, "Date", TableColumn.SortType.ASCENDING));
        robot.clickOn(columnHeader(robot, "Date"));
        waitUntil(Duration.ofSeconds(10), "newest first again", () -> again.getItems().size() == CACHED + 20
                && ("message " + (CACHED + 20)).equals(again.getItems().get(0).subject()));
        // Newest first is the default: nothing is kept for the INBOX any more.
        waitUntil(Duration.ofSeconds(10), "the INBOX's order dropped from the file", () -> {
            try {
                return desktop.session.listOrders().of(account.id()).isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static boolean sortedBy(TableView<MessageRow> list, String title, TableColumn.SortType type) {
        return list.getSortOrder().size() == 1 && title.equals(list.getSortOrder().get(0).getText())
                && list.getSortOrder().get(0).getSortType() == type;
    }

    private static javafx.scene.Node folderCell(FxRobot robot, String name) {
        return robot.lookup(".folder-cell").match(n -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith(name)).query();
    }

    private static javafx.scene.Node columnHeader(FxRobot robot, String title) {
        return robot.lookup(".column-header").match(header -> header.lookupAll(".label").stream()
                .anyMatch(n -> n instanceof Label l && title.equals(l.getText()))).query();
    }

    private static CachedHeader header(long uid) {
        return header(uid, "message " + uid);
    }

    private static CachedHeader header(long uid, String subject) {
        long date = BASE_DATE + uid * 60;
        return new CachedHeader(uid, CachedHeader.Flag.SEEN.bit(), 0, date, 2_000, date, subject,
                "Alice <alice@padlock.test>", "offline@padlock.test", "<" + uid + "@padlock.test>", null, false);
    }

    private static byte[] source(String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("alice@padlock.test"));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
