package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.DesktopTesting.onFx;
import static org.padlockmail.testing.DesktopTesting.waitUntil;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.padlockmail.testing.DesktopTesting;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.ui.message.MessageView;
import org.padlockmail.ui.message.MessageViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An HTML message full of remote loads (image, CSS background, style sheet, @import, iframe, srcset,
 * video poster, object) shown in the real web view: the loopback HTTP server sees no request at all
 * until the user loads remote content for this message; then the image is fetched.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteContentBlockingTest {

    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private HttpServer http;
    private MessageViewModel model;
    private final List<String> links = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] gif = java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
            exchange.getResponseHeaders().add("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, gif.length);
            exchange.getResponseBody().write(gif);
            exchange.close();
        });
        http.start();
        Locale locale = Locale.ENGLISH;
        UiText text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", locale), locale, ZoneOffset.UTC);
        model = new MessageViewModel(new HashSet<>(), sender -> { });
        MessageView.AttachmentActions noAttachments = new MessageView.AttachmentActions() {
            @Override
            public void save(MessageContent message, MessageContent.Attachment attachment) {
            }

            @Override
            public void open(MessageContent message, MessageContent.Attachment attachment) {
            }
        };
        stage.setScene(new Scene(new MessageView(model, text, links::add, noAttachments), 800, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void nothingLoadsUntilTheUserAsksThenTheImagesDo(FxRobot robot) {
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        String html = "<html><head><link rel='stylesheet' href='" + base + "/sheet.css'>"
                + "<style>@import url('" + base + "/import.css'); body { background: url('" + base + "/style-bg.png') }</style>"
                + "<script src='" + base + "/script.js'></script></head>"
                + "<body background='" + base + "/body-bg.png'><h1>Sale</h1>"
                + "<img src='" + base + "/pixel.gif' width=1 height=1>"
                + "<img srcset='" + base + "/srcset.png 2x'>"
                + "<div style=\"background-image:url('" + base + "/div-bg.png')\">styled</div>"
                + "<iframe src='" + base + "/frame.html'></iframe>"
                + "<video poster='" + base + "/poster.png'></video>"
                + "<object data='" + base + "/object.swf'></object>"
                + "<a href='https://shop.example/deal'>a deal</a></body></html>";
        MessageContent message = new MessageContent(7, "Sale", "Shop <news@shop.example>", List.of(), List.of("me@example.org"),
                List.of(), Instant.now(), "<m@shop.example>", List.of(), null, html, List.of());
        DesktopTesting.runFx(() -> model.messageProperty().set(message));

        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS); // time enough for any load the page could start
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), List.copyOf(requests), "no request before the user loads remote content");
        assertTrue(onFx(() -> model.blockedProperty().get()) >= 2, "the bar counts what was blocked");
        assertTrue(robot.lookup("#remote-content-bar").query().isVisible());

        robot.clickOn("#load-remote-once");
        waitUntil(Duration.ofSeconds(10), "the image fetched after the user asked", () -> requests.contains("/pixel.gif"));
        assertTrue(requests.stream().noneMatch(p -> p.equals("/script.js") || p.equals("/frame.html") || p.equals("/object.swf")
                || p.equals("/sheet.css")), "scripts, frames, objects and style sheets stay out even then: " + requests);
    }
}
