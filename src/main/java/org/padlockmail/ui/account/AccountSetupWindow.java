package org.padlockmail.ui.account;

import java.util.List;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ServerDiscovery;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.lock.LockIndicator;

/** The account setup window: who you are, the servers found (each with its lock), manual settings, save. */
public final class AccountSetupWindow {

    private final Stage stage = new Stage();
    private final AccountSetupViewModel model;
    private final UiText text;
    private final ObservableList<SecurityMode> modes = FXCollections.observableArrayList(SecurityMode.TLS, SecurityMode.STARTTLS);

    public AccountSetupWindow(AccountSetupViewModel model, UiText text, Window owner, List<String> stylesheets, Consumer<Account> saved) {
        this.model = model;
        this.text = text;
        stage.initOwner(owner);
        stage.setTitle(text.get(model.editing() ? "setup.editTitle" : "setup.title"));

        TextField name = field(model.nameProperty(), "setup-name");
        name.setPromptText(text.get("setup.namePrompt"));
        TextField address = field(model.addressProperty(), "setup-address");
        address.setPromptText("you@example.org");
        PasswordField password = new PasswordField();
        password.setId("setup-password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        if (model.editing()) {
            password.setPromptText(text.get("setup.passwordKeep"));
        }
        Button discover = new Button(text.get("setup.discover"));
        discover.setId("setup-discover");
        discover.disableProperty().bind(model.discoveringProperty());
        discover.setOnAction(e -> model.discover());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.discoveringProperty());

        GridPane who = grid();
        who.addRow(0, new Label(text.get("setup.name")), name);
        who.addRow(1, new Label(text.get("setup.address")), address);
        who.addRow(2, new Label(text.get("setup.password")), password);
        who.add(new HBox(8, discover, spinner), 1, 3);

        ListView<ServerDiscovery.Probe> probes = new ListView<>(model.probes());
        probes.setId("setup-probes");
        probes.setPrefHeight(150);
        probes.setPlaceholder(new Label(text.get("setup.probesEmpty")));
        probes.setCellFactory(v -> new ProbeCell());

        GridPane servers = grid();
        servers.addRow(0, new Label(""), new Label(text.get("setup.host")), new Label(text.get("setup.port")), new Label(text.get("setup.security")));
        serverRow(servers, 1, "IMAP", model.imap());
        serverRow(servers, 2, "SMTP", model.smtp());
        servers.addRow(3, new Label(text.get("setup.userName")), field(model.userNameProperty(), "setup-user"));
        ComboBox<Integer> offline = new ComboBox<>(FXCollections.observableArrayList(model.offlineChoices()));
        offline.setId("setup-offline");
        offline.valueProperty().bindBidirectional(model.offlineDaysProperty());
        offline.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer days) {
                return days == null ? "" : switch (days) {
                    case 0 -> text.get("setup.offlineNone");
                    case 365 -> text.get("setup.offlineYear");
                    case Account.MAX_OFFLINE_DAYS -> text.get("setup.offlineAll");
                    default -> text.format("setup.offlineDays", days);
                };
            }

            @Override
            public Integer fromString(String label) {
                return null; // not editable
            }
        });
        servers.add(new Label(text.get("setup.offline")), 0, 4);
        servers.add(offline, 1, 4, 3, 1);
        servers.getColumnConstraints().setAll(new ColumnConstraints(), grow(), new ColumnConstraints(70), new ColumnConstraints(150));

        CheckBox offerPlain = new CheckBox(text.get("setup.offerPlaintext"));
        offerPlain.setId("setup-offer-plaintext");
        offerPlain.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                modes.add(SecurityMode.PLAIN);
            } else {
                modes.remove(SecurityMode.PLAIN);
                if (model.imap().modeProperty().get() == SecurityMode.PLAIN) {
                    model.imap().modeProperty().set(SecurityMode.STARTTLS);
                }
                if (model.smtp().modeProperty().get() == SecurityMode.PLAIN) {
                    model.smtp().modeProperty().set(SecurityMode.STARTTLS);
                }
            }
        });
        if (model.plaintextChosenBinding().get()) {
            offerPlain.setSelected(true);
        }
        Label warning = new Label(text.get("setup.plaintextWarning"));
        warning.setWrapText(true);
        warning.getStyleClass().add("danger-text");
        warning.visibleProperty().bind(model.plaintextChosenBinding());
        warning.managedProperty().bind(warning.visibleProperty());
        CheckBox understood = new CheckBox(text.get("setup.plaintextUnderstood"));
        understood.setId("setup-plaintext-understood");
        understood.setWrapText(true);
        understood.selectedProperty().bindBidirectional(model.plaintextUnderstoodProperty());
        understood.visibleProperty().bind(model.plaintextChosenBinding());
        understood.managedProperty().bind(understood.visibleProperty());
        CheckBox imapPassword = passwordAllowance("IMAP", model.imap());
        CheckBox smtpPassword = passwordAllowance("SMTP", model.smtp());
        VBox advancedBox = new VBox(8, offerPlain, warning, understood, imapPassword, smtpPassword);
        TitledPane advanced = new TitledPane(text.get("setup.advanced"), advancedBox);
        advanced.setId("setup-advanced");
        advanced.setExpanded(model.plaintextChosenBinding().get());

        Label message = new Label();
        message.setId("setup-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        Button save = new Button(text.get("setup.save"));
        save.setId("setup-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> save(saved));
        Button cancel = new Button(text.get("prompt.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, message, spacer, save, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(message, Priority.SOMETIMES);

        VBox root = new VBox(12, heading("setup.step1"), who, heading("setup.step2"), probes, heading("setup.step3"), servers,
                advanced, buttons);
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root, 720, 760);
        scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }

    private void save(Consumer<Account> saved) {
        if (model.plaintextChosenBinding().get() && model.plaintextUnderstoodProperty().get()) {
            // The second, explicit confirmation that SECURITY.md asks for before any plaintext connection.
            Alert confirm = new Alert(Alert.AlertType.WARNING, text.get("setup.plaintextConfirm"),
                    new ButtonType(text.get("setup.plaintextConfirmYes"), ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
            confirm.initOwner(stage);
            confirm.setHeaderText(text.get("setup.plaintextConfirmTitle"));
            if (confirm.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).isEmpty()) {
                return;
            }
        }
        model.save().thenAccept(account -> Platform.runLater(() -> {
            stage.close();
            saved.accept(account);
        }));
    }

    private void serverRow(GridPane grid, int row, String label, AccountSetupViewModel.Server server) {
        TextField host = field(server.hostProperty(), "setup-" + label.toLowerCase() + "-host");
        TextField port = field(server.portProperty(), "setup-" + label.toLowerCase() + "-port");
        ComboBox<SecurityMode> mode = new ComboBox<>(modes);
        mode.setId("setup-" + label.toLowerCase() + "-mode");
        mode.valueProperty().bindBidirectional(server.modeProperty());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(SecurityMode value) {
                return value == null ? "" : text.get("report.mode." + value.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public SecurityMode fromString(String string) {
                return null;
            }
        });
        mode.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(row, new Label(label), host, port, mode);
    }

    private CheckBox passwordAllowance(String label, AccountSetupViewModel.Server server) {
        CheckBox box = new CheckBox(text.format("setup.plaintextPassword", label));
        box.setId("setup-" + label.toLowerCase() + "-plaintext-password");
        box.selectedProperty().bindBidirectional(server.plaintextPasswordProperty());
        box.visibleProperty().bind(server.modeProperty().isEqualTo(SecurityMode.PLAIN));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TextField field(javafx.beans.property.StringProperty property, String id) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private Label heading(String key) {
        Label label = new Label(text.get(key));
        label.getStyleClass().add("section-heading");
        return label;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getColumnConstraints().setAll(new ColumnConstraints(110), grow());
        return grid;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints column = new ColumnConstraints();
        column.setHgrow(Priority.ALWAYS);
        return column;
    }

    private final class ProbeCell extends ListCell<ServerDiscovery.Probe> {
        @Override
        protected void updateItem(ServerDiscovery.Probe probe, boolean empty) {
            super.updateItem(probe, empty);
            if (empty || probe == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            LockIndicator lock = new LockIndicator();
            lock.setState(probe.lock());
            lock.serviceProperty().set(probe.endpoint().service().name());
            lock.summaryProperty().set(probe.message());
            String verdict = probe.usable() ? (probe.message().isBlank() ? text.get("setup.probeOk") : probe.message())
                    : probe.message();
            setText(probe.endpoint().host() + ":" + probe.endpoint().port() + " — " + verdict);
            setGraphic(lock);
        }
    }
}
