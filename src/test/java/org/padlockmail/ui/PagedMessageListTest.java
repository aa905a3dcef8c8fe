package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.ui.main.PagedMessageList;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What a table's selection sees of the paged list: which changes say something about the user's choice. */
@ExtendWith(ApplicationExtension.class)
class PagedMessageListTest {

    private static final int ROWS = 1_000;

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final CountDownLatch secondPageMayBeRead = new CountDownLatch(1);
    /** Newest first, as the cache pages them: row i has UID ROWS - i. */
    private final PagedMessageList.Source folder = new PagedMessageList.Source() {
        @Override
        public int count() {
            return ROWS;
        }

        @Override
        public List<MessageRow> page(int offset, int limit) {
            if (offset > 0) {
                try {
                    secondPageMayBeRead.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return LongStream.range(offset, Math.min(ROWS, offset + limit)).mapToObj(i -> row(ROWS - i)).toList();
        }
    };

    @Start
    void start(Stage stage) {
        // No window needed: the selection model is the table's, shown or not.
    }

    @AfterEach
    void stop() {
        secondPageMayBeRead.countDown();
        reader.shutdownNow();
    }

    @Test
    void aRowSelectedBeforeItsPageArrivesBecomesThatRowAsTheUserChoice() throws Exception {
        PagedMessageList rows = onFx(() -> new PagedMessageList(reader, Platform::runLater, 10));
        TableView<MessageRow> table = onFx(() -> new TableView<>(rows));
        List<MessageRow> chosen = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
                if (!rows.isChanging() && now != null && now != PagedMessageList.PLACEHOLDER) {
                    chosen.add(now);
                }
            });
            rows.show(folder);
        }).get();
        waitUntil(Duration.ofSeconds(5), "the first page", () -> rows.size() == ROWS && rows.get(0) != PagedMessageList.PLACEHOLDER);

        int index = PagedMessageList.PAGE_SIZE + 5;
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().clearAndSelect(index)).get();
        assertSame(PagedMessageList.PLACEHOLDER, onFx(() -> table.getSelectionModel().getSelectedItem()),
                "the user picked a row whose page is still being read");

        secondPageMayBeRead.countDown();
        waitUntil(Duration.ofSeconds(5), "the row's page read", () -> rows.get(index) != PagedMessageList.PLACEHOLDER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of((long) (ROWS - index)), onFx(() -> chosen.stream().map(MessageRow::uid).toList()),
                "the page's arrival tells the list's users which message was chosen");
        assertEquals(index, onFx(() -> table.getSelectionModel().getSelectedIndex()));
    }

    @Test
    void aReloadThatMovesRowsIsNotTheUsersChoice() throws Exception {
        secondPageMayBeRead.countDown();
        PagedMessageList rows = onFx(() -> new PagedMessageList(reader, Platform::runLater, 10));
        TableView<MessageRow> table = onFx(() -> new TableView<>(rows));
        List<Boolean> changingWhenMoved = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> rows.show(folder)).get();
        waitUntil(Duration.ofSeconds(5), "the first page", () -> rows.size() == ROWS && rows.get(0) != PagedMessageList.PLACEHOLDER);
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearAndSelect(3);
            table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> changingWhenMoved.add(rows.isChanging()));
            rows.show(new PagedMessageList.Source() {
                @Override
                public int count() {
                    return 2;
                }

                @Override
                public List<MessageRow> page(int offset, int limit) {
                    return List.of(row(2), row(1)).subList(Math.min(offset, 2), Math.min(offset + limit, 2));
                }
            });
        }).get();
        waitUntil(Duration.ofSeconds(5), "the other folder", () -> rows.size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), onFx(() -> changingWhenMoved.stream().filter(changing -> !changing).toList()),
                "every selection move caused by the new rows happens while the list says it is changing");
    }

    private static MessageRow row(long uid) {
        return new MessageRow(uid, true, false, false, null, null, "", List.of(), "message " + uid, null, 0, false);
    }
}
