package org.padlockmail.ui.settings;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import java.util.function.Function;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.ui.report.DetailsTable;

/** Settings → Pinned certificates: the pins in a table, the selected one's certificate below, and Remove. */
public final class PinnedCertificatesView extends VBox {

    public PinnedCertificatesView(PinnedCertificatesViewModel model) {
        super(10);
        setPadding(new Insets(16));
        var text = model.text();
        Label title = new Label(text.get("pins.title"));
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label explanation = new Label(text.get("pins.explanation"));
        explanation.setWrapText(true);
        Label error = new Label();
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c5221f;");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        TableView<PinnedCertificatesViewModel.Row> table = new TableView<>(model.rows());
        table.setId("pins-table");
        Label empty = new Label();
        // An unreadable pin file is not an empty one: the placeholder stays silent while the error shows.
        empty.textProperty().bind(Bindings.when(model.errorProperty().isEmpty()).then(text.get("pins.empty")).otherwise(""));
        table.setPlaceholder(empty);
        table.getColumns().add(column(text.get("pins.column.server"), PinnedCertificatesViewModel.Row::server, 170));
        table.getColumns().add(column(text.get("pins.column.firstSeen"), PinnedCertificatesViewModel.Row::firstSeen, 170));
        table.getColumns().add(column(text.get("pins.column.subject"), PinnedCertificatesViewModel.Row::subject, 170));
        table.getColumns().add(column(text.get("pins.column.key"), PinnedCertificatesViewModel.Row::key, 260));
        table.setPrefHeight(180);

        VBox details = new VBox();
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> details.getChildren().setAll(
                now == null ? java.util.List.of()
                        : java.util.List.of(new DetailsTable(text.rows(CertificateFacts.of(now.pin().certificate())), text.get("report.copy")))));

        Button remove = new Button(text.get("pins.remove"));
        remove.setId("remove-pin");
        remove.disableProperty().bind(Bindings.isNull(table.getSelectionModel().selectedItemProperty()));
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem()));

        getChildren().addAll(title, explanation, error, table, new HBox(remove), details);
        model.refresh();
    }

    private static TableColumn<PinnedCertificatesViewModel.Row, String> column(String heading,
            Function<PinnedCertificatesViewModel.Row, String> value, double width) {
        TableColumn<PinnedCertificatesViewModel.Row, String> column = new TableColumn<>(heading);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
