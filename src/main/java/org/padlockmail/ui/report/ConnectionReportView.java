package org.padlockmail.ui.report;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.ui.lock.LockIndicator;

/**
 * The full connection report behind a lock: how the connection was protected and the certificate chain
 * as a tree (anchor at the top, the server's certificate at the bottom, selected), with the details of
 * the selected certificate. Built in code from its view model; holds no state of its own.
 */
public final class ConnectionReportView extends VBox {

    public ConnectionReportView(ConnectionReportViewModel model) {
        super(10);
        getStyleClass().add("connection-report");
        setPadding(new Insets(16));

        LockIndicator lock = new LockIndicator();
        lock.setState(model.lock());
        lock.serviceProperty().set(model.service());
        lock.setFocusTraversable(false);
        Label title = new Label(model.title());
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        HBox header = new HBox(10, lock, title);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label message = new Label(model.message());
        message.setWrapText(true);

        GridPane connection = table(model.connectionRows(), model.copyLabel());
        getChildren().addAll(header, message, connection, heading(model.chainHeading()));

        if (model.chain().isEmpty()) {
            getChildren().add(new Label(model.noCertificate()));
            return;
        }
        TreeView<CertificateFacts> tree = chainTree(model.chain());
        tree.setPrefHeight(26.0 * model.chain().size() + 6);
        tree.setMinHeight(Region.USE_PREF_SIZE);
        VBox details = new VBox();
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                details.getChildren().setAll(table(model.certificateRows(now.getValue()), model.copyLabel())));
        getChildren().addAll(tree, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        TreeItem<CertificateFacts> leaf = tree.getRoot();
        while (!leaf.getChildren().isEmpty()) {
            leaf = leaf.getChildren().get(0);
        }
        tree.getSelectionModel().select(leaf);
    }

    /** The chain from its top (the anchor's side) down to the server's certificate. */
    private static TreeView<CertificateFacts> chainTree(List<CertificateFacts> chain) {
        TreeItem<CertificateFacts> root = null;
        TreeItem<CertificateFacts> parent = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            TreeItem<CertificateFacts> item = new TreeItem<>(chain.get(i));
            item.setExpanded(true);
            if (parent == null) {
                root = item;
            } else {
                parent.getChildren().add(item);
            }
            parent = item;
        }
        TreeView<CertificateFacts> tree = new TreeView<>(root);
        tree.setCellFactory(view -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(CertificateFacts item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : commonName(item.subject()));
            }
        });
        return tree;
    }

    private static String commonName(String subject) {
        for (String part : subject.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return subject;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }

    /** Label/value rows; each value can be copied from its context menu (fingerprints are for comparing). */
    private static GridPane table(List<ConnectionReportViewModel.Row> rows, String copy) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        for (int i = 0; i < rows.size(); i++) {
            Label label = new Label(rows.get(i).label());
            label.getStyleClass().add("report-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            label.setStyle("-fx-text-fill: #5f6368;");
            String text = rows.get(i).value();
            Label value = new Label(text);
            value.getStyleClass().add("report-value");
            value.setWrapText(true);
            value.setMaxWidth(520);
            if (text.matches("[0-9A-F \\n]+")) {
                value.setStyle("-fx-font-family: monospace;");
            }
            MenuItem copyItem = new MenuItem(copy);
            copyItem.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(text.replace('\n', ' '));
                Clipboard.getSystemClipboard().setContent(content);
            });
            value.setContextMenu(new ContextMenu(copyItem));
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            grid.addRow(i, label, value);
        }
        return grid;
    }
}
