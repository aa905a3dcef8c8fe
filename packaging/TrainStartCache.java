import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gives a jpackage app image an AOT cache (JDK 25, JEP 483/514): starts the app once from the image, the
 * way its launcher would (same runtime, class path, options), with a fresh home, lets it show its first
 * window and exit (system property padlock.exitAfterFirstWindow), and writes what that start loaded and
 * linked to APPDIR/NAME.aot; then the launcher's configuration gets -XX:AOTCache=$APPDIR/NAME.aot.
 * The installer is built from the image afterwards, so the cache ships with it. A cache that does not
 * match (another runtime, changed jars) is ignored by the JVM with a warning, never fatal.
 *
 * On Linux without a display it starts its own Xvfb (Debian package xvfb) for the training run.
 *
 * Usage: java TrainStartCache.java APP_IMAGE NAME
 *   APP_IMAGE is the folder jpackage made (Linux: NAME/, macOS: NAME.app/, Windows: NAME/).
 */
public final class TrainStartCache {

    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final boolean MAC = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac");

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]).toAbsolutePath();
        String name = args[1];
        Path appDir = image.resolve(MAC ? "Contents/app" : WINDOWS ? "app" : "lib/app");
        Path java = image.resolve(MAC ? "Contents/runtime/Contents/Home/bin/java" : WINDOWS ? "runtime/bin/java.exe" : "lib/runtime/bin/java");
        Path cfg = appDir.resolve(name + ".cfg");
        Path cache = appDir.resolve(name + ".aot");
        Files.deleteIfExists(cache);

        List<String> lines = Files.readAllLines(cfg, StandardCharsets.UTF_8);
        List<String> classPath = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        String mainClass = null;
        for (String line : lines) {
            String value = line.substring(line.indexOf('=') + 1).replace("$APPDIR", appDir.toString());
            if (line.startsWith("app.classpath=")) {
                classPath.add(value);
            } else if (line.startsWith("app.mainclass=")) {
                mainClass = value;
            } else if (line.startsWith("java-options=")) {
                if (value.startsWith("-XX:AOTCache=")) {
                    throw new IllegalStateException(cfg + " already names an AOT cache: train a fresh image");
                }
                command.add(value);
            }
        }
        if (mainClass == null || classPath.isEmpty()) {
            throw new IllegalStateException(cfg + " has no main class or class path");
        }
        command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dpadlock.exitAfterFirstWindow=true",
                "-cp", String.join(File.pathSeparator, classPath), mainClass));

        Path home = Files.createTempDirectory("padlock-training-");
        ProcessBuilder training = new ProcessBuilder(command).inheritIO();
        training.environment().put("HOME", home.toString());
        training.environment().put("USERPROFILE", home.toString());
        training.environment().put("PADLOCK_MAIL_CONFIG_DIR", home.resolve("padlock-mail").toString());
        Process display = null;
        try {
            if (!WINDOWS && !MAC && System.getenv("DISPLAY") == null) {
                String number = freeDisplay();
                display = new ProcessBuilder("Xvfb", number, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                waitForDisplay(number, display);
                training.environment().put("DISPLAY", number);
            }
            Process app = training.start();
            if (!app.waitFor(300, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                throw new IllegalStateException("the training start did not end within 300 s");
            }
            if (app.exitValue() != 0 || !Files.isRegularFile(cache)) {
                throw new IllegalStateException("the training start failed (exit " + app.exitValue() + "), no " + cache);
            }
        } finally {
            if (display != null) {
                display.destroy();
            }
            deleteRecursively(home);
        }
        List<String> configured = new ArrayList<>();
        for (String line : lines) {
            configured.add(line);
            if (line.trim().equals("[JavaOptions]")) {
                configured.add("java-options=-XX:AOTCache=$APPDIR/" + name + ".aot");
            }
        }
        Files.write(cfg, configured, StandardCharsets.UTF_8);
        System.out.println("AOT cache: " + cache + ", " + Files.size(cache) / (1024 * 1024) + " MB");
    }

    private static String freeDisplay() {
        for (int n = 90; n < 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return ":" + n;
            }
        }
        throw new IllegalStateException("no free X display number between :90 and :199");
    }

    private static void waitForDisplay(String number, Process xvfb) throws InterruptedException {
        Path socket = Path.of("/tmp/.X11-unix/X" + number.substring(1));
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            if (!xvfb.isAlive()) {
                throw new IllegalStateException("Xvfb " + number + " ended at once (exit " + xvfb.exitValue() + ")");
            }
            Thread.sleep(100);
        }
        if (!Files.exists(socket)) {
            throw new IllegalStateException("Xvfb " + number + " did not start within 10 s");
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
