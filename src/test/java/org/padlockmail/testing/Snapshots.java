package org.padlockmail.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/** Writes snapshots of views under target/ui-snapshots for a human to look at (no javafx-swing needed). */
public final class Snapshots {

    private Snapshots() {
    }

    public static Path write(Image image, String name) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = Path.of("target", "ui-snapshots", name);
        Files.createDirectories(file.getParent());
        ImageIO.write(buffered, "png", file.toFile());
        return file;
    }
}
