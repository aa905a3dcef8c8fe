package org.padlockmail.ui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * Asks for the primary password of the encrypted password file (used where no system keyring is
 * available). Called from background threads; the dialog runs on the JavaFX thread.
 */
final class PrimaryPasswordPrompt implements Supplier<char[]> {

    private final UiText text;

    PrimaryPasswordPrompt(UiText text) {
        this.text = text;
    }

    @Override
    public char[] get() {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("the primary password is asked for from a background thread only");
        }
        CompletableFuture<char[]> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            Dialog<char[]> dialog = new Dialog<>();
            dialog.setTitle(text.get("primary.title"));
            PasswordField field = new PasswordField();
            Label explanation = new Label(text.get("primary.explanation"));
            explanation.setWrapText(true);
            dialog.getDialogPane().setContent(new VBox(10, explanation, field));
            dialog.getDialogPane().setPrefWidth(460);
            dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
            dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
            Platform.runLater(field::requestFocus);
            answer.complete(dialog.showAndWait().orElse(null));
        });
        char[] password = answer.join();
        if (password == null) {
            throw new IllegalStateException(text.get("primary.cancelled"));
        }
        return password;
    }
}
