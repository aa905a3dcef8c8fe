package org.padlockmail.ui.report;

import org.padlockmail.ui.UiText;
import java.util.List;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.padlockmail.security.CertificateFacts;

/**
 * A certificate chain as a tree, from its top (the anchor's side) down to the server's certificate,
 * which is selected; below it the details of the selected certificate.
 */
public final class CertificateChainView extends VBox {

    public CertificateChainView(List<CertificateFacts> chain, UiText text) {
        super(8);
        TreeView<CertificateFacts> tree = new TreeView<>();
        TreeItem<CertificateFacts> parent = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            TreeItem<CertificateFacts> item = new TreeItem<>(chain.get(i));
            item.setExpanded(true);
            if (parent == null) {
                tree.setRoot(item);
            } else {
                parent.getChildren().add(item);
            }
            parent = item;
        }
        tree.setCellFactory(view -> new TreeCell<>() {
            @Override
            protected void updateItem(CertificateFacts item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : commonName(item.subject()));
            }
        });
        tree.setPrefHeight(26.0 * chain.size() + 6);
        tree.setMinHeight(Region.USE_PREF_SIZE);
        VBox details = new VBox();
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                details.getChildren().setAll(new DetailsTable(text.rows(now.getValue()), text.get("report.copy"))));
        getChildren().addAll(tree, details);
        tree.getSelectionModel().select(parent);
    }

    private static String commonName(String subject) {
        for (String part : subject.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return subject;
    }
}
