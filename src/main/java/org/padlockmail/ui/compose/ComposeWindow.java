package org.padlockmail.ui.compose;

import java.io.File;
import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.lock.LockIndicator;
import org.padlockmail.ui.main.AccountItem;

/** The compose window: the fields, attachments, the account's SMTP lock, send, save draft and discard. */
public final class ComposeWindow {

    private final Stage stage = new Stage();
    private final ComposeViewModel model;
    private final UiText text;

    public ComposeWindow(ComposeViewModel model, UiText text, Window owner, List<String> stylesheets) {
        this.model = model;
        this.text = text;
        stage.initOwner(owner);
        stage.setTitle(text.get("compose.title"));

        ComboBox<AccountItem> from = new ComboBox<>(model.accounts());
        from.valueProperty().bindBidirectional(model.fromProperty());
        from.setMaxWidth(Double.MAX_VALUE);
        from.setButtonCell(new AccountCell());
        from.setCellFactory(v -> new AccountCell());
        TextField to = addressField(model.toProperty(), "compose-to");
        TextField cc = addressField(model.ccProperty(), "compose-cc");
        TextField bcc = addressField(model.bccProperty(), "compose-bcc");
        TextField subject = new TextField();
        subject.setId("compose-subject");
        subject.textProperty().bindBidirectional(model.subjectProperty());
        subject.textProperty().addListener((o, was, now) -> stage.setTitle(now.isBlank() ? text.get("compose.title") : now));

        LockIndicator smtpLock = new LockIndicator();
        smtpLock.setId("compose-smtp-lock");
        smtpLock.serviceProperty().set("SMTP");
        bindLock(smtpLock, model.fromProperty().get());
        model.fromProperty().addListener((o, was, now) -> bindLock(smtpLock, now));

        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(6);
        fields.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints());
        fields.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        fields.addRow(0, new Label(text.get("compose.from")), new HBox(8, from, smtpLock));
        HBox.setHgrow(from, Priority.ALWAYS);
        fields.addRow(1, new Label(text.get("compose.to")), to);
        fields.addRow(2, new Label(text.get("compose.cc")), cc);
        fields.addRow(3, new Label(text.get("compose.bcc")), bcc);
        fields.addRow(4, new Label(text.get("compose.subject")), subject);
        Label addressProblem = new Label();
        addressProblem.getStyleClass().add("field-problem");
        addressProblem.textProperty().bind(model.addressProblemBinding());
        fields.add(addressProblem, 1, 5);

        ListView<ComposeViewModel.Attached> attachments = new ListView<>(model.attachments());
        attachments.setPrefHeight(70);
        attachments.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ComposeViewModel.Attached item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(item.file().getFileName() + "  (" + text.size(item.size()) + ")");
                Button remove = new Button(null, new FontIcon(Feather.X));
                remove.getStyleClass().add("flat");
                remove.setOnAction(e -> model.attachments().remove(item));
                setGraphic(remove);
            }
        });
        attachments.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.attachments()));
        attachments.managedProperty().bind(attachments.visibleProperty());

        TextArea body = new TextArea();
        body.setId("compose-body");
        body.setWrapText(true);
        body.textProperty().bindBidirectional(model.bodyProperty());
        VBox.setVgrow(body, Priority.ALWAYS);

        Button send = new Button(text.get("compose.send"), new FontIcon(Feather.SEND));
        send.setId("compose-send");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> send());
        Button attach = new Button(text.get("compose.attach"), new FontIcon(Feather.PAPERCLIP));
        attach.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            List<File> files = chooser.showOpenMultipleDialog(stage);
            if (files != null) {
                files.forEach(f -> model.attach(f.toPath()));
            }
        });
        Button save = new Button(text.get("compose.saveDraft"), new FontIcon(Feather.SAVE));
        save.setOnAction(e -> model.saveDraft());
        Button discard = new Button(text.get("compose.discard"), new FontIcon(Feather.TRASH_2));
        discard.setOnAction(e -> discard());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar tools = new ToolBar(send, attach, save, spacer, discard);

        Label result = new Label();
        result.setId("compose-result");
        result.setWrapText(true);
        result.textProperty().bind(model.resultProperty());

        VBox content = new VBox(8, fields, attachments, body, result);
        content.setPadding(new Insets(10));
        BorderPane root = new BorderPane(content);
        root.setTop(tools);
        Scene scene = new Scene(root, 760, 620);
        scene.getStylesheets().addAll(stylesheets);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::send);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), model::saveDraft);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            discard();
        });
        fields.setAlignment(Pos.TOP_LEFT);
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }

    /**
     * Closes once the server accepted the message. When it could not be sent (the connection could not
     * be made secure, the server is away), the window stays with the reason; the message is safe in the
     * outbox either way and is retried from there.
     */
    private void send() {
        AccountItem account = model.fromProperty().get();
        model.send().whenComplete((id, e) -> javafx.application.Platform.runLater(() -> {
            if (e != null) {
                return;
            }
            account.outbox().stream().filter(entry -> entry.id().equals(id)).findFirst().ifPresentOrElse(
                    waiting -> model.resultProperty().set(text.format("compose.keptInOutbox",
                            waiting.lastError() == null ? "" : waiting.lastError())),
                    stage::close);
        }));
    }

    /** Closing with content asks first: the draft can be kept, thrown away, or the window stays. */
    private void discard() {
        if (!model.hasContent()) {
            stage.close();
            return;
        }
        ButtonType keep = new ButtonType(text.get("compose.keepDraft"));
        ButtonType throwAway = new ButtonType(text.get("compose.discardConfirm"));
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text.get("compose.discardQuestion"), keep, throwAway, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setHeaderText(null);
        alert.showAndWait().ifPresent(choice -> {
            if (choice == keep) {
                model.saveDraft().thenRun(() -> javafx.application.Platform.runLater(stage::close));
            } else if (choice == throwAway) {
                model.discard();
                stage.close();
            }
        });
    }

    private TextField addressField(javafx.beans.property.StringProperty property, String id) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        ContextMenu suggestions = new ContextMenu();
        field.textProperty().addListener((o, was, now) -> {
            List<String> matches = model.completions(now);
            if (matches.isEmpty() || !field.isFocused()) {
                suggestions.hide();
                return;
            }
            suggestions.getItems().setAll(matches.stream().map(address -> {
                MenuItem item = new MenuItem(address);
                item.setOnAction(e -> {
                    int comma = field.getText().lastIndexOf(',');
                    String before = comma < 0 ? "" : field.getText().substring(0, comma + 1) + " ";
                    field.setText(before + address + ", ");
                    field.positionCaret(field.getText().length());
                });
                return item;
            }).toList());
            if (!suggestions.isShowing()) {
                suggestions.show(field, javafx.geometry.Side.BOTTOM, 0, 0);
            }
        });
        return field;
    }

    private static void bindLock(LockIndicator indicator, AccountItem account) {
        indicator.stateProperty().unbind();
        indicator.summaryProperty().unbind();
        if (account != null) {
            account.locks().smtp().bind(indicator);
        }
    }


    private static final class AccountCell extends ListCell<AccountItem> {
        @Override
        protected void updateItem(AccountItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.account().displayName() + " <" + item.account().address() + ">");
        }
    }
}
