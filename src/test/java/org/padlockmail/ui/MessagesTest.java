package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every UI string exists in English and Chinese, and every key is used by the code. */
class MessagesTest {

    private static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/padlockmail/ui/" + file)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        assertEquals(keys("messages.properties"), keys("messages_zh_CN.properties"));
    }

    /** A text with {0} goes through MessageFormat, where a lone apostrophe silently swallows text. */
    @Test
    void formattedTextsDoubleTheirApostrophes() throws IOException {
        for (String file : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties properties = new Properties();
            try (InputStream in = MessagesTest.class.getResourceAsStream("/org/padlockmail/ui/" + file)) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                if (value.contains("{0}")) {
                    assertTrue(!value.replace("''", "").contains("'"), file + " " + key + " has a lone apostrophe: " + value);
                }
            }
        }
    }

    @Test
    void everyKeyIsUsedInTheCode() throws IOException {
        String code;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            StringBuilder all = new StringBuilder();
            for (Path source : sources) {
                all.append(Files.readString(source));
            }
            code = all.toString();
        }
        Set<String> unused = keys("messages.properties").stream().filter(key -> !code.contains('"' + key + '"'))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(unused.isEmpty(), "keys no code uses: " + unused);
    }
}
