import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Prepares jpackage's input folder (run by the installer profile as a single-file program):
 *
 * <ul>
 * <li>JavaFX's native libraries move out of their jars into the folder beside them, where JavaFX looks
 *     first: the app starts without unpacking ~130 MB into the user's home on its first run;</li>
 * <li>JavaFX's media natives (GStreamer, libav plugins) are left out: mail never plays audio or video,
 *     and the HTML cleaner removes media elements before the web view sees them;</li>
 * <li>JNA and sqlite-jdbc keep only the native library of the platform being packaged (they carry 26 and
 *     20), which takes 11 MB out of sqlite-jdbc alone;</li>
 * <li>every jar, the app's own in the folder above included, is stored without compression, so that the
 *     installer's own compression (xz for .deb) works on the raw bytes: WebKit alone packs to 30 MB
 *     instead of 45 MB.</li>
 * </ul>
 *
 * Usage: java PrepareInstallerInput.java LIBDIR
 */
public final class PrepareInstallerInput {

    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                repack(jar, lib, jar.getFileName().toString().startsWith("javafx-"));
            }
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib.toAbsolutePath().getParent(), "*.jar")) {
            for (Path jar : jars) {
                repack(jar, lib, false);
            }
        }
    }

    private static boolean isMedia(String name) {
        return name.matches("(lib)?(gstreamer-lite|jfxmedia|fxplugins|avplugin.*|glib-lite)\\..*");
    }

    private static final String OS = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    private static final String ARCH = System.getProperty("os.arch");

    /** This platform in a library's own words: the name for Windows, macOS, Linux, then for amd64. */
    private static String platform(String windows, String mac, String linux, String amd64, String separator) {
        String os = OS.startsWith("windows") ? windows : OS.startsWith("mac") ? mac : OS.startsWith("linux") ? linux : OS;
        return os + separator + (ARCH.equals("amd64") ? amd64 : ARCH);
    }

    /** JNA's natives live in com/sun/jna/PLATFORM/, e.g. linux-x86-64, win32-x86-64, darwin-aarch64. */
    private static boolean isForeignJnaNative(String name) {
        return name.startsWith("com/sun/jna/") && name.contains("jnidispatch")
                && !name.startsWith("com/sun/jna/" + platform("win32", "darwin", "linux", "x86-64", "-") + "/");
    }

    /** sqlite-jdbc's natives live in org/sqlite/native/OS/ARCH/, e.g. Linux/x86_64, Mac/aarch64. */
    private static boolean isForeignSqliteNative(String name) {
        return name.startsWith("org/sqlite/native/") && !name.endsWith("/")
                && !name.startsWith("org/sqlite/native/" + platform("Windows", "Mac", "Linux", "x86_64", "/") + "/");
    }

    /** Only JavaFX looks beside its jars; other libraries (JNA, keychains) unpack their natives themselves. */
    private static boolean isNative(String name) {
        return !name.contains("/") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"));
    }

    private static void repack(Path jar, Path lib, boolean moveNatives) throws IOException {
        Path repacked = Files.createTempFile(lib, ".repack-", ".jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(repacked))) {
            out.setMethod(ZipOutputStream.STORED);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (isForeignJnaNative(entry.getName()) || isForeignSqliteNative(entry.getName())) {
                    continue;
                }
                if (moveNatives && isNative(entry.getName())) {
                    if (!isMedia(entry.getName())) {
                        Files.write(lib.resolve(entry.getName()), bytes);
                    }
                    continue;
                }
                ZipEntry stored = new ZipEntry(entry.getName());
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(bytes.length);
                stored.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                stored.setCrc(crc.getValue());
                if (entry.getLastModifiedTime() != null) {
                    stored.setLastModifiedTime(entry.getLastModifiedTime());
                }
                out.putNextEntry(stored);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(repacked, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
