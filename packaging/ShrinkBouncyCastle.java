import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * Puts into jpackage's input only the BouncyCastle classes the app can reach (run by the installer
 * profile as a single-file program, with ProGuard on its class path). The app uses BouncyCastle for
 * certificate names and fingerprints, the demo server's certificate and the secrets file's Argon2:
 * about 450 of its 20 MB of classes. ProGuard traces them from the app's classes against the other
 * libraries and the bundled runtime itself (extracted with jimage), so a class the runtime lacks fails
 * the build. Every class it keeps is kept whole (shrinking/bouncycastle.pro), and the result is tried:
 * packaging/CheckShrunkBouncyCastle.java makes a demo certificate, reads it and writes and reads a
 * secrets file on the shrunk jars.
 *
 * Usage, from the project folder: java -cp PROGUARD_JARS packaging/ShrinkBouncyCastle.java RUNTIME_JDK RUNTIME INPUT LIBS WORK
 * <ul>
 * <li>RUNTIME_JDK: the JDK the runtime was linked from (its jimage, and java to run the check);</li>
 * <li>RUNTIME: the jlinked runtime;</li>
 * <li>INPUT: jpackage's input folder, padlock-mail.jar and lib/, where the shrunk jars replace the full ones;</li>
 * <li>LIBS: all the app's libraries, unshrunk; WORK: a scratch folder.</li>
 * </ul>
 */
public final class ShrinkBouncyCastle {

    /** Signatures would not match shrunk classes; the versioned classes only serve other Java versions. */
    private static final String BOUNCYCASTLE_FILTER = "(!META-INF/versions/**,!META-INF/*.SF,!META-INF/*.RSA,!META-INF/*.DSA,!META-INF/*.EC)";

    public static void main(String[] args) throws Exception {
        Path jdk = Path.of(args[0]);
        Path runtime = Path.of(args[1]);
        Path input = Path.of(args[2]);
        Path appJar = input.resolve("padlock-mail.jar");
        Path inputLib = input.resolve("lib");
        Path libs = Path.of(args[3]);
        Path work = Path.of(args[4]);
        Path packaging = Path.of("packaging");

        deleteTree(work);
        Path runtimeClasses = work.resolve("runtime-classes");
        Path shrunk = work.resolve("shrunk");
        Files.createDirectories(shrunk);
        run(List.of(jdk.resolve("bin/jimage").toString(), "extract", "--dir", runtimeClasses.toString(),
                runtime.resolve("lib/modules").toString()));

        List<String> options = new ArrayList<>();
        // The app's classes are where the tracing starts; what ProGuard writes of them is not used.
        options.addAll(List.of("-injars", appJar.toString(), "-outjars", work.resolve("app-unused").toString()));
        List<Path> bouncyCastle = jars(libs, "bc*.jar");
        if (bouncyCastle.isEmpty()) {
            throw new IllegalStateException("no BouncyCastle jars in " + libs);
        }
        for (Path jar : bouncyCastle) {
            options.addAll(List.of("-injars", jar + BOUNCYCASTLE_FILTER,
                    "-outjars", shrunk.resolve(jar.getFileName()).toString()));
        }
        options.addAll(List.of("-libraryjars", libs + "(!bc*.jar,**.jar;!module-info.class,!META-INF/versions/**,**.class)"));
        // One entry per module: jimage writes a folder per module, and a class's path must be its name.
        try (Stream<Path> modules = Files.list(runtimeClasses)) {
            for (Path module : modules.sorted().toList()) {
                options.addAll(List.of("-libraryjars", module + "(!module-info.class,**.class)"));
            }
        }
        options.add("@" + packaging.resolve("shrinking/bouncycastle.pro"));

        Configuration configuration = new Configuration();
        try (ConfigurationParser parser = new ConfigurationParser(options.toArray(String[]::new), System.getProperties())) {
            parser.parse(configuration);
        }
        new ProGuard(configuration).execute();

        for (Path jar : bouncyCastle) {
            Files.copy(shrunk.resolve(jar.getFileName()), inputLib.resolve(jar.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        // The app's jar names its libraries (lib/...) in its manifest: the check sees what the installer will.
        run(List.of(jdk.resolve("bin/java").toString(), "-cp", appJar.toString(),
                packaging.resolve("CheckShrunkBouncyCastle.java").toString(), work.resolve("check").toString()));

        long before = bouncyCastle.stream().mapToLong(ShrinkBouncyCastle::size).sum();
        long after = jars(shrunk, "*.jar").stream().mapToLong(ShrinkBouncyCastle::size).sum();
        System.out.printf("BouncyCastle for the installer: %,d kB of jars instead of %,d kB%n", after / 1000, before / 1000);
    }

    private static List<Path> jars(Path folder, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
            stream.forEach(found::add);
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("failed (" + exit + "): " + String.join(" ", command));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
