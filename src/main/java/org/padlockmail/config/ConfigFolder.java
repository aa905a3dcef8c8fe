package org.padlockmail.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folder where Padlock Mail keeps its settings, pins and accounts: the platform's usual place for
 * per-user configuration, in a sub-folder named {@code padlock-mail}.
 */
public record ConfigFolder(Path path) {

    /** Environment variable that moves the whole configuration, for tests and portable installs. */
    public static final String OVERRIDE_VARIABLE = "PADLOCK_MAIL_CONFIG_DIR";

    public static ConfigFolder forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static ConfigFolder resolve(Map<String, String> env, String osName, String userHome) {
        String override = env.get(OVERRIDE_VARIABLE);
        if (override != null && !override.isBlank()) {
            return new ConfigFolder(Path.of(override));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData/Roaming");
            return new ConfigFolder(base.resolve("padlock-mail"));
        }
        if (os.startsWith("mac")) {
            return new ConfigFolder(home.resolve("Library/Application Support/padlock-mail"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return new ConfigFolder(base.resolve("padlock-mail"));
    }

    public Path pinFile() {
        return path.resolve("pins.json");
    }
}
