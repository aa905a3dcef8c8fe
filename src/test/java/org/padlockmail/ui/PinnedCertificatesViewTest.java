package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.testing.Snapshots;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.settings.PinnedCertificatesView;
import org.padlockmail.ui.settings.PinnedCertificatesViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Settings → Pinned certificates against a real pin file, with the disk work off the JavaFX thread. */
@ExtendWith(ApplicationExtension.class)
class PinnedCertificatesViewTest {

    private final ExecutorService disk = Executors.newSingleThreadExecutor();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    @AfterEach
    void stop() {
        disk.shutdownNow();
    }

    private PinnedCertificatesView show(FxRobot robot, PinStore store, Locale locale) throws Exception {
        UiText text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", locale), locale, ZoneOffset.UTC);
        PinnedCertificatesViewModel model = new PinnedCertificatesViewModel(store, text, disk, Platform::runLater);
        PinnedCertificatesView[] view = new PinnedCertificatesView[1];
        robot.interact(() -> {
            view[0] = new PinnedCertificatesView(model);
            stage.setScene(new Scene(view[0], 820, 600));
        });
        settle();
        return view[0];
    }

    private void settle() throws Exception {
        disk.submit(() -> { }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void listsThePinsShowsOneAndRemovesIt(FxRobot robot) throws Exception {
        PinStore store = new PinStore(Files.createTempDirectory("pins").resolve("pins.json"));
        store.add(new Endpoint(Service.IMAP, "imap.home.example", 993, SecurityMode.TLS),
                TestCertificates.selfSigned(Spec.forHost("imap.home.example")).leaf(), Instant.parse("2026-10-01T08:00:00Z"));
        store.add(new Endpoint(Service.SMTP, "smtp.home.example", 465, SecurityMode.TLS),
                TestCertificates.selfSigned(Spec.forHost("smtp.home.example").otherKey()).leaf(), Instant.parse("2026-10-02T09:30:00Z"));
        PinnedCertificatesView view = show(robot, store, Locale.ENGLISH);

        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        robot.clickOn("smtp.home.example:465");
        assertTrue(robot.lookup(".report-value").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("CN=smtp.home.example")));
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        Snapshots.write(shot[0], "pinned-certificates-en.png");

        robot.clickOn("#remove-pin");
        settle();
        settle();
        assertEquals(1, table.getItems().size());
        assertEquals(1, store.all().size());
        assertEquals("imap.home.example", store.all().get(0).host());
    }

    @Test
    void aDamagedPinFileIsShownAsAnErrorAndRendersInChinese(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory("pins").resolve("pins.json");
        Files.writeString(file, "{ damaged");
        PinnedCertificatesView view = show(robot, new PinStore(file), Locale.SIMPLIFIED_CHINESE);
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().contains("cannot be read")));
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> "已固定的证书".equals(l.getText())));
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        Snapshots.write(shot[0], "pinned-certificates-zh-error.png");
        assertEquals("{ damaged", Files.readString(file));
    }
}
