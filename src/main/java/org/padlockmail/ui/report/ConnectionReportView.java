package org.padlockmail.ui.report;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
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

        getChildren().addAll(header, message, new DetailsTable(model.connectionRows(), model.text().get("report.copy")),
                heading(model.chainHeading()));
        getChildren().add(model.chain().isEmpty()
                ? new Label(model.noCertificate())
                : new CertificateChainView(model.chain(), model.text()));
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }
}
