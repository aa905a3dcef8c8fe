package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.KeyringRoundTrip;

/**
 * Passwords in a real Secret Service keyring (GNOME Keyring in a private D-Bus session; Debian packages
 * dbus and gnome-keyring), used only when a real write and read through it work. Each case runs in a
 * child JVM, because the D-Bus address is an environment variable; the child must also exit by itself,
 * which it did not while the keyring's D-Bus connection stayed open.
 */
class KeyringIT {

    @TempDir
    Path home;

    private record Run(int exit, String output) {
    }

    /** Runs {@code prefix} followed by the child JVM as one shell script, inside {@code wrapper}. */
    private Run child(List<String> wrapper, String prefix, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of("sh", "-c", prefix + "exec " + String.join(" ", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "'" + System.getProperty("java.class.path") + "'", KeyringRoundTrip.class.getName(), "kr-Secret-7"))));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Path log = home.resolve("child.log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the keyring child did not finish in 60 s: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void passwordsGoIntoTheSystemKeyringWhenOneIsThere() throws Exception {
        Run run = child(List.of("dbus-run-session", "--"),
                "printf keyring-unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ", Map.of());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("READ kr-Secret-7"), run.output());
        assertTrue(run.output().contains("AFTER-REMOVE -"), run.output());
        assertTrue(run.output().contains("WHERE the system keyring"), run.output());
    }

    @Test
    void withoutAKeyringNothingPretendsToBeOne() throws Exception {
        Run run = child(List.of(), "", Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-bus")));
        assertEquals(3, run.exit(), run.output());
        assertTrue(run.output().contains("NO-KEYRING"), run.output());
    }
}
