package org.padlockmail.ui.message;

import java.util.function.Consumer;

import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.ui.UiText;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.events.EventTarget;

/**
 * The reader: the header block, the "remote content blocked" bar, the body in a web view with
 * JavaScript off, and the attachments. A link never opens by itself: a click shows its real target
 * and asks before it goes to the system browser.
 */
public final class MessageView extends VBox {

    private final UiText text;
    /** Made when the first message is shown: WebKit's start-up would otherwise delay the main window. */
    private WebView web;
    private final StackPane body = new StackPane();
    private final Consumer<String> openLink;
    private final GridPane header = new GridPane();
    private final Label subject = new Label();
    private final FlowPane attachments = new FlowPane(8, 6);
    private final Label hovered = new Label();
    private final Label empty;

    /** What the reader asks its window to do with an attachment (both need a file dialog or the desktop). */
    public interface AttachmentActions {
        void save(MessageContent message, MessageContent.Attachment attachment);

        void open(MessageContent message, MessageContent.Attachment attachment);
    }

    /** @param openLink asks the user about a link's target and opens it in the browser if they agree */
    public MessageView(MessageViewModel model, UiText text, Consumer<String> openLink, AttachmentActions attachmentActions) {
        this.text = text;
        getStyleClass().add("message-view");
        this.openLink = openLink;

        subject.getStyleClass().add("message-subject");
        subject.setWrapText(true);
        header.setHgap(10);
        header.setVgap(2);
        VBox headerBlock = new VBox(6, subject, header);
        headerBlock.setPadding(new Insets(12, 14, 10, 14));
        headerBlock.getStyleClass().add("message-header");

        Label blockedText = new Label();
        blockedText.textProperty().bind(model.blockedProperty().asString().map(n -> text.format("remote.blocked", model.blockedProperty().get())));
        blockedText.setMinWidth(Region.USE_PREF_SIZE);
        blockedText.setTooltip(new javafx.scene.control.Tooltip(text.get("remote.why")));
        Button once = new Button(text.get("remote.loadOnce"));
        once.setId("load-remote-once");
        once.setOnAction(e -> model.loadRemoteOnce());
        Button always = new Button(text.get("remote.loadAlways"));
        always.setId("load-remote-always");
        always.setOnAction(e -> model.alwaysLoadFromSender());
        once.getStyleClass().add("small");
        always.getStyleClass().add("small");
        // A flow: in a narrow reader the buttons wrap under the text instead of being cut.
        HBox what = new HBox(8, new FontIcon(Feather.SHIELD), blockedText);
        what.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        FlowPane bar = new FlowPane(12, 6, what, new HBox(8, once, always));
        bar.getStyleClass().add("remote-content-bar");
        bar.setPadding(new Insets(6, 14, 6, 14));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.prefWrapLengthProperty().bind(widthProperty());
        bar.setId("remote-content-bar");
        bar.visibleProperty().bind(model.blockedProperty().greaterThan(0));
        bar.managedProperty().bind(bar.visibleProperty());

        attachments.setPadding(new Insets(6, 14, 6, 14));
        attachments.managedProperty().bind(attachments.visibleProperty());
        hovered.getStyleClass().add("link-target");
        hovered.setPadding(new Insets(2, 14, 2, 14));

        empty = new Label(text.get("reader.empty"));
        empty.getStyleClass().add("reader-empty");
        empty.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        VBox.setVgrow(empty, Priority.ALWAYS);
        VBox.setVgrow(body, Priority.ALWAYS);

        VBox content = new VBox(headerBlock, bar, attachments, body, hovered);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.visibleProperty().bind(model.messageProperty().isNotNull());
        content.managedProperty().bind(content.visibleProperty());
        empty.visibleProperty().bind(model.messageProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        getChildren().addAll(empty, content);

        model.messageProperty().addListener((o, was, now) -> showHeader(now, attachmentActions));
        model.pageProperty().addListener((o, was, now) -> webView().getEngine().loadContent(now == null ? "" : now.html(), "text/html"));
    }

    private WebView webView() {
        if (web == null) {
            web = new WebView();
            web.getEngine().setJavaScriptEnabled(false);
            web.setContextMenuEnabled(false);
            web.setId("message-body");
            web.getEngine().setOnStatusChanged(e -> hovered.setText(e.getData() == null ? "" : e.getData()));
            web.getEngine().getLoadWorker().stateProperty().addListener((o, was, now) -> {
                if (now == Worker.State.SUCCEEDED) {
                    interceptLinks(openLink);
                }
            });
            body.getChildren().add(web);
        }
        return web;
    }

    private void showHeader(MessageContent message, AttachmentActions actions) {
        header.getChildren().clear();
        attachments.getChildren().clear();
        if (message == null) {
            return;
        }
        subject.setText(message.subject() == null || message.subject().isBlank() ? text.get("reader.noSubject") : message.subject());
        int row = 0;
        row = line(row, "reader.from", message.from());
        row = line(row, "reader.to", String.join(", ", message.to()));
        if (!message.cc().isEmpty()) {
            row = line(row, "reader.cc", String.join(", ", message.cc()));
        }
        line(row, "reader.date", message.sent() == null ? "" : text.date(message.sent()));
        for (MessageContent.Attachment attachment : message.attachments()) {
            String name = attachment.fileName() == null ? text.get("reader.unnamed") : attachment.fileName();
            // The plain click saves (the safe choice); opening hands the file to another program, so it is the second one.
            SplitMenuButton button = new SplitMenuButton();
            button.setText(name + "  (" + text.size(attachment.size()) + ")");
            button.setGraphic(new FontIcon(Feather.PAPERCLIP));
            button.getStyleClass().add("attachment");
            button.setOnAction(e -> actions.save(message, attachment));
            MenuItem save = new MenuItem(text.get("attachment.save"));
            save.setOnAction(e -> actions.save(message, attachment));
            MenuItem open = new MenuItem(text.get("attachment.open"));
            open.setOnAction(e -> actions.open(message, attachment));
            button.getItems().addAll(save, open);
            attachments.getChildren().add(button);
        }
        attachments.setVisible(!message.attachments().isEmpty());
    }

    private int line(int row, String key, String value) {
        Label label = new Label(text.get(key));
        label.getStyleClass().add("header-label");
        Label content = new Label(value == null ? "" : value);
        content.setWrapText(true);
        header.addRow(row, label, content);
        return row + 1;
    }


    /** Links go through the user, never straight to the network: the click is cancelled and the target shown. */
    private void interceptLinks(Consumer<String> openLink) {
        if (web.getEngine().getDocument() == null) {
            return;
        }
        NodeList links = web.getEngine().getDocument().getElementsByTagName("a");
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            String target = link.getAttribute("href");
            ((EventTarget) link).addEventListener("click", event -> {
                event.preventDefault();
                if (target != null && !target.isBlank()) {
                    openLink.accept(target);
                }
            }, false);
        }
    }
}
