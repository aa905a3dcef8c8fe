package org.padlockmail.ui.settings;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.padlockmail.mail.Account;
import org.padlockmail.ui.UiText;

/** Settings → Security of one account, built from its view model; Save hands the changed account on. */
public final class TlsSettingsView extends VBox {

    public TlsSettingsView(TlsSettingsViewModel model, UiText text, Consumer<Account> save) {
        super(10);
        setPadding(new Insets(16));
        Label title = new Label(text.format("tls.title", model.account().address()));
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");

        ChoiceBox<String> minimum = new ChoiceBox<>();
        minimum.getItems().setAll(model.versions());
        minimum.setConverter(new StringConverter<>() {
            @Override
            public String toString(String version) {
                return version == null ? "" : version.replace("TLSv", "TLS ");
            }

            @Override
            public String fromString(String shown) {
                return shown.replace("TLS ", "TLSv");
            }
        });
        minimum.valueProperty().bindBidirectional(model.minimumProperty());
        HBox version = new HBox(10, new Label(text.get("tls.minimum")), minimum);
        version.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        ListView<TlsSettingsViewModel.Suite> suites = new ListView<>();
        suites.getItems().setAll(model.suites());
        suites.setCellFactory(list -> new CheckBoxListCell<>(TlsSettingsViewModel.Suite::allowedProperty) {
            @Override
            public void updateItem(TlsSettingsViewModel.Suite suite, boolean empty) {
                super.updateItem(suite, empty);
                setText(empty || suite == null ? null : suite.name() + (suite.strong() ? "" : "  ⚠"));
                setStyle(empty || suite == null || suite.strong() ? "" : "-fx-text-fill: #c5221f;");
            }
        });
        suites.setPrefHeight(220);

        Label weak = warning(text.get("tls.weakWarning"));
        weak.visibleProperty().bind(model.weakAllowedBinding());
        weak.managedProperty().bind(weak.visibleProperty());
        Label none = warning(text.get("tls.noSuite"));
        none.visibleProperty().bind(model.noneAllowedBinding());
        none.managedProperty().bind(none.visibleProperty());

        CheckBox plaintext = new CheckBox(text.get("tls.plaintextPassword"));
        plaintext.setId("plaintext-password");
        plaintext.selectedProperty().bindBidirectional(model.plaintextPasswordProperty());
        plaintext.setDisable(!model.plaintextApplicable());
        Label plaintextNote = model.plaintextApplicable() ? warning(text.get("tls.plaintextWarning"))
                : new Label(text.get("tls.plaintextNotApplicable"));
        plaintextNote.setWrapText(true);

        Button saveButton = new Button(text.get("tls.save"));
        saveButton.setId("save-tls");
        saveButton.disableProperty().bind(model.noneAllowedBinding());
        saveButton.setOnAction(e -> save.accept(model.apply()));

        getChildren().addAll(title, version, new Label(text.get("tls.suites")), suites, weak, none, plaintext, plaintextNote,
                new HBox(saveButton));
    }

    private static Label warning(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setStyle("-fx-text-fill: #c5221f;");
        return label;
    }
}
