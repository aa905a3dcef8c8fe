package org.padlockmail.ui.certificate;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.padlockmail.ui.report.CertificateChainView;
import org.padlockmail.ui.report.DetailsTable;

/** The certificate prompt or the pin-mismatch warning, built from its view model. Cancel is the default button. */
public final class CertificatePromptView extends VBox {

    public CertificatePromptView(CertificatePromptViewModel model) {
        super(12);
        setPadding(new Insets(18));
        getStyleClass().add(model.mismatch() ? "pin-mismatch-warning" : "certificate-prompt");

        Label title = new Label(model.title());
        title.setWrapText(true);
        Label intro = new Label(model.intro());
        intro.setWrapText(true);
        if (model.mismatch()) {
            // Much louder than the first prompt, like SSH's "REMOTE HOST IDENTIFICATION HAS CHANGED".
            title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold; -fx-text-fill: white;");
            intro.setStyle("-fx-text-fill: white; -fx-font-size: 13px;");
            VBox banner = new VBox(8, title, intro);
            banner.setPadding(new Insets(14));
            banner.setStyle("-fx-background-color: #c5221f; -fx-background-radius: 6;");
            getChildren().add(banner);
            GridPane sideBySide = new GridPane();
            sideBySide.setHgap(24);
            sideBySide.addRow(0, heading(model.pinnedHeading()), heading(model.offeredHeading()));
            sideBySide.addRow(1, new DetailsTable(model.text().rows(model.pinned()), model.text().get("report.copy")),
                    new DetailsTable(model.text().rows(model.offeredChain().get(0)), model.text().get("report.copy")));
            getChildren().add(sideBySide);
        } else {
            title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
            VBox reasons = new VBox(8, heading(model.problemsHeading()));
            for (String problem : model.problems()) {
                Label line = new Label("• " + problem);
                line.setWrapText(true);
                line.getStyleClass().add("certificate-problem");
                reasons.getChildren().add(line);
            }
            reasons.getChildren().add(new CertificateChainView(model.offeredChain(), model.text()));
            // The details scroll; the question and the buttons stay in view.
            ScrollPane scroll = new ScrollPane(reasons);
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("edge-to-edge");
            VBox.setVgrow(scroll, Priority.ALWAYS);
            getChildren().addAll(title, intro, scroll);
        }

        CheckBox confirm = new CheckBox(model.confirmation());
        confirm.setWrapText(true);
        confirm.selectedProperty().bindBidirectional(model.confirmedProperty());
        if (model.needsConfirmation()) {
            getChildren().add(confirm);
        }

        Button cancel = new Button(model.cancelLabel());
        cancel.setDefaultButton(true);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.cancel());
        // Focus starts on Cancel, so Enter (or a hasty click-through habit) never trusts a certificate.
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                javafx.application.Platform.runLater(cancel::requestFocus);
            }
        });
        Button accept = new Button(model.acceptLabel());
        accept.setId("accept");
        accept.disableProperty().bind(model.canAcceptBinding().not());
        accept.setOnAction(e -> model.accept());
        if (model.mismatch()) {
            accept.setStyle("-fx-text-fill: #c5221f;");
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, spacer, accept, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().add(buttons);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }
}
