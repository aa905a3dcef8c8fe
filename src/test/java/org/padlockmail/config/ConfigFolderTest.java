package org.padlockmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFolderTest {

    @Test
    void linuxUsesXdgConfigHomeWhenAbsoluteElseDotConfig() {
        assertEquals(Path.of("/x/cfg/padlock-mail"),
                ConfigFolder.resolve(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "Linux", "/home/a").path());
        assertEquals(Path.of("/home/a/.config/padlock-mail"),
                ConfigFolder.resolve(Map.of("XDG_CONFIG_HOME", "relative"), "Linux", "/home/a").path());
        assertEquals(Path.of("/home/a/.config/padlock-mail"), ConfigFolder.resolve(Map.of(), "Linux", "/home/a").path());
    }

    @Test
    void windowsAndMacUseTheirUsualPlaces() {
        assertEquals(Path.of("C:/Users/a/AppData/Roaming/padlock-mail"),
                ConfigFolder.resolve(Map.of("APPDATA", "C:/Users/a/AppData/Roaming"), "Windows 11", "C:/Users/a").path());
        assertEquals(Path.of("/Users/a/Library/Application Support/padlock-mail"),
                ConfigFolder.resolve(Map.of(), "Mac OS X", "/Users/a").path());
    }

    @Test
    void overrideWinsAndPinsLiveInside() {
        ConfigFolder folder = ConfigFolder.resolve(Map.of(ConfigFolder.OVERRIDE_VARIABLE, "/tmp/p"), "Linux", "/home/a");
        assertEquals(Path.of("/tmp/p/pins.json"), folder.pinFile());
    }
}
