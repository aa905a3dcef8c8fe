package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {

    /** Cheap on purpose: these tests are about the format and its errors, not about the KDF's cost. */
    private static final SecretsFile.Cost LIGHT = new SecretsFile.Cost(1024, 1, 1);
    private static final char[] PRIMARY = "correct horse battery staple".toCharArray();

    @TempDir
    Path folder;

    @Test
    void secretsRoundTripAndNeverAppearInTheFile() throws Exception {
        Path file = folder.resolve("secrets.json");
        SecretsFile secrets = new SecretsFile(file, LIGHT);
        assertEquals(Map.of(), secrets.read(PRIMARY));
        secrets.write(PRIMARY, Map.of("account-1", "alice-Secret-1", "account-2", "密码-bob"));
        assertEquals(Map.of("account-1", "alice-Secret-1", "account-2", "密码-bob"), new SecretsFile(file, LIGHT).read(PRIMARY));
        String content = Files.readString(file);
        assertFalse(content.contains("alice-Secret-1") || content.contains("密码"), content);
    }

    @Test
    void aWrongPrimaryPasswordIsSaidSoAndDestroysNothing() throws Exception {
        Path file = folder.resolve("secrets.json");
        new SecretsFile(file, LIGHT).write(PRIMARY, Map.of("a", "secret"));
        byte[] before = Files.readAllBytes(file);
        var error = assertThrows(SecretsFile.SecretsException.class, () -> new SecretsFile(file, LIGHT).read("wrong".toCharArray()));
        assertEquals(SecretsFile.Failure.WRONG_PASSWORD, error.failure());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
    }

    @Test
    void tamperingWithTheCiphertextOrTheKdfCostIsDetected() throws Exception {
        Path file = folder.resolve("secrets.json");
        new SecretsFile(file, LIGHT).write(PRIMARY, Map.of("a", "secret"));
        JsonObject original = JsonParser.parseString(Files.readString(file)).getAsJsonObject();

        JsonObject flipped = original.deepCopy();
        byte[] ciphertext = Base64.getDecoder().decode(flipped.get("ciphertext").getAsString());
        ciphertext[0] ^= 1;
        flipped.addProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Files.writeString(file, flipped.toString());
        var tampered = assertThrows(SecretsFile.SecretsException.class, () -> new SecretsFile(file, LIGHT).read(PRIMARY));
        assertEquals(SecretsFile.Failure.TAMPERED, tampered.failure());

        JsonObject nonce = original.deepCopy();
        byte[] n = Base64.getDecoder().decode(nonce.get("nonce").getAsString());
        n[0] ^= 1;
        nonce.addProperty("nonce", Base64.getEncoder().encodeToString(n));
        Files.writeString(file, nonce.toString());
        assertEquals(SecretsFile.Failure.TAMPERED,
                assertThrows(SecretsFile.SecretsException.class, () -> new SecretsFile(file, LIGHT).read(PRIMARY)).failure());

        Files.writeString(file, "{ damaged");
        assertEquals(SecretsFile.Failure.UNREADABLE,
                assertThrows(SecretsFile.SecretsException.class, () -> new SecretsFile(file, LIGHT).read(PRIMARY)).failure());
        assertEquals("{ damaged", Files.readString(file));
    }

    /** A header that is not exactly what we wrote is refused as unreadable, never read with a default, and kept. */
    @Test
    void aDamagedHeaderIsUnreadableAndKept() throws Exception {
        Path file = folder.resolve("secrets.json");
        new SecretsFile(file, LIGHT).write(PRIMARY, Map.of("a", "secret"));
        String good = Files.readString(file);
        JsonObject header = JsonParser.parseString(good).getAsJsonObject();
        List<String> damaged = new ArrayList<>();
        for (String field : header.keySet()) {
            JsonObject without = header.deepCopy();
            without.remove(field);
            damaged.add(without.toString());
            JsonObject nulled = header.deepCopy();
            nulled.add(field, JsonNull.INSTANCE);
            damaged.add(nulled.toString());
        }
        JsonObject extra = header.deepCopy();
        extra.addProperty("comment", "added");
        damaged.add(extra.toString());
        JsonObject costAsText = header.deepCopy();
        costAsText.addProperty("memoryKiB", "1024");
        damaged.add(costAsText.toString());
        damaged.addAll(List.of(good + " {}", good.substring(0, good.length() - 3), "null", "", "{}"));

        for (String corrupt : damaged) {
            Files.writeString(file, corrupt);
            var error = assertThrows(SecretsFile.SecretsException.class, () -> new SecretsFile(file, LIGHT).read(PRIMARY), corrupt);
            assertEquals(SecretsFile.Failure.UNREADABLE, error.failure(), corrupt);
            assertEquals(corrupt, Files.readString(file));
        }
    }

    @Test
    void theDefaultCostIsStoredAndUsed() throws Exception {
        Path file = folder.resolve("secrets.json");
        new SecretsFile(file).write(PRIMARY, Map.of("a", "b"));
        JsonObject stored = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(64 * 1024, stored.get("memoryKiB").getAsInt());
        assertEquals(3, stored.get("iterations").getAsInt());
        assertEquals(Map.of("a", "b"), new SecretsFile(file, LIGHT).read(PRIMARY), "reading uses the file's own cost");
    }
}
