package org.padlockmail.ui.report;

import org.padlockmail.ui.UiText;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** Label/value rows; each value can be copied from its context menu (fingerprints are for comparing). */
public final class DetailsTable extends GridPane {

    public DetailsTable(List<UiText.Row> rows, String copy) {
        setHgap(12);
        setVgap(6);
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
            setValignment(label, VPos.TOP);
            addRow(i, label, value);
        }
    }
}
