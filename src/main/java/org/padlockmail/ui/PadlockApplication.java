package org.padlockmail.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop window. For now a placeholder that points to the command line; the mail UI replaces it. */
public final class PadlockApplication extends Application {

    @Override
    public void start(Stage stage) {
        Label title = new Label("Padlock Mail");
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        Label body = new Label("The mail window is not built yet. Check a server from a terminal:\n"
                + "java -jar padlock-mail.jar probe imap HOST 993 --security tls");
        VBox root = new VBox(12, title, body);
        root.setPadding(new Insets(24));
        stage.setTitle("Padlock Mail");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new Image(PadlockApplication.class.getResource("/icons/padlock-mail-" + size + ".png").toExternalForm()));
        }
        stage.setScene(new Scene(root, 560, 180));
        stage.show();
    }
}
