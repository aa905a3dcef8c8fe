package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;

class PinStoreTest {

    @TempDir
    Path folder;

    private static Endpoint imap(String host, int port) {
        return new Endpoint(Service.IMAP, host, port, SecurityMode.TLS);
    }

    @Test
    void aMissingFileIsAnEmptyStore() throws Exception {
        PinStore store = new PinStore(folder.resolve("nested/pins.json"));
        assertEquals(List.of(), store.all());
        assertTrue(store.find("mail.example.org", 993).isEmpty());
    }

    @Test
    void pinsSurviveARoundTripWithKeyCertificateAndDate() throws Exception {
        var certificate = TestCertificates.selfSigned(Spec.forHost("mail.example.org")).leaf();
        Instant seen = Instant.parse("2026-11-01T10:15:30Z");
        new PinStore(folder.resolve("pins.json")).add(imap("Mail.Example.org", 993), certificate, seen);

        Pin pin = new PinStore(folder.resolve("pins.json")).find("mail.example.org", 993).orElseThrow();
        assertEquals(CertificateFacts.spkiSha256(certificate), pin.spkiSha256());
        assertEquals(certificate, pin.certificate());
        assertEquals(seen, pin.firstSeen());
        assertTrue(pin.matches(certificate));
        assertTrue(new PinStore(folder.resolve("pins.json")).find("mail.example.org", 143).isEmpty(), "a pin is per port");
    }

    @Test
    void addNeverReplacesReplaceDoesAndRemoveRemoves() throws Exception {
        PinStore store = new PinStore(folder.resolve("pins.json"));
        var first = TestCertificates.selfSigned(Spec.forHost("h")).leaf();
        var second = TestCertificates.selfSigned(Spec.forHost("h").otherKey()).leaf();
        store.add(imap("h", 993), first, Instant.now());
        assertThrows(IllegalStateException.class, () -> store.add(imap("h", 993), second, Instant.now()));
        assertTrue(store.find("h", 993).orElseThrow().matches(first));
        store.replace(imap("h", 993), second, Instant.now());
        assertTrue(store.find("h", 993).orElseThrow().matches(second));
        assertTrue(store.remove("h", 993));
        assertTrue(store.find("h", 993).isEmpty());
    }

    @Test
    void aCorruptFileIsAnErrorAndIsNeverReplaced() throws Exception {
        Path file = folder.resolve("pins.json");
        for (String corrupt : List.of("{ not json", "{\"version\":1,\"pins\":[{\"host\":\"h\",\"port\":1,\"spkiSha256\":\"x\","
                + "\"certificate\":\"bm90IGEgY2VydA==\",\"firstSeen\":\"2026-01-01T00:00:00Z\"}]}", "{\"version\":99,\"pins\":[]}")) {
            Files.writeString(file, corrupt);
            PinStore store = new PinStore(file);
            assertThrows(PinStoreException.class, store::all);
            var certificate = TestCertificates.selfSigned(Spec.forHost("h")).leaf();
            assertThrows(PinStoreException.class, () -> store.add(imap("h", 993), certificate, Instant.now()));
            assertEquals(corrupt, Files.readString(file), "a corrupt pin file must be kept for the user to repair");
        }
    }

    /**
     * Every way a pin file can be half right is refused as a whole, and the file is kept: a pin read with a
     * default in place of what was there could trust a key the user never accepted, or forget a rejection.
     */
    @Test
    void aDamagedOrTamperedPinFileIsRefusedNotHalfRead() throws Exception {
        Path file = folder.resolve("pins.json");
        var certificate = TestCertificates.selfSigned(Spec.forHost("h")).leaf();
        new PinStore(file).add(imap("h", 993), certificate, Instant.parse("2026-11-01T10:15:30Z"));
        String good = Files.readString(file);
        JsonObject document = JsonParser.parseString(good).getAsJsonObject();
        JsonObject pin = document.getAsJsonArray("pins").get(0).getAsJsonObject();

        List<String> damaged = new ArrayList<>();
        for (String field : List.of("host", "port", "spkiSha256", "certificate", "firstSeen")) {
            JsonObject without = document.deepCopy();
            without.getAsJsonArray("pins").get(0).getAsJsonObject().remove(field);
            damaged.add(without.toString());
            JsonObject nulled = document.deepCopy();
            nulled.getAsJsonArray("pins").get(0).getAsJsonObject().add(field, JsonNull.INSTANCE);
            damaged.add(nulled.toString());
        }
        for (String field : List.of("version", "pins")) {
            JsonObject without = document.deepCopy();
            without.remove(field);
            damaged.add(without.toString());
        }
        JsonObject extra = document.deepCopy();
        extra.getAsJsonArray("pins").get(0).getAsJsonObject().addProperty("trusted", true);
        damaged.add(extra.toString());
        JsonObject portAsText = document.deepCopy();
        portAsText.getAsJsonArray("pins").get(0).getAsJsonObject().addProperty("port", "993");
        damaged.add(portAsText.toString());
        JsonObject seenAsNumber = document.deepCopy();
        seenAsNumber.getAsJsonArray("pins").get(0).getAsJsonObject().addProperty("firstSeen", 1700000000);
        damaged.add(seenAsNumber.toString());
        String key = "\"spkiSha256\":\"" + pin.get("spkiSha256").getAsString() + "\"";
        damaged.add(document.toString().replace(key, key + ",\"spkiSha256\":\"" + "0".repeat(64) + "\""));
        damaged.add(document.toString().replace("\"pins\":[", "\"pins\":[null,"));
        damaged.addAll(List.of(good.substring(0, good.length() / 2), good + "{}", good + " x", "", "null", "[]",
                good.replaceFirst("\\{", "{ // edited\n")));

        for (String corrupt : damaged) {
            Files.writeString(file, corrupt);
            PinStore store = new PinStore(file);
            assertThrows(PinStoreException.class, store::all, corrupt);
            assertThrows(PinStoreException.class, () -> store.add(imap("other", 993), certificate, Instant.now()), corrupt);
            assertThrows(PinStoreException.class, () -> store.remove("h", 993), corrupt);
            assertEquals(corrupt, Files.readString(file), "a damaged pin file must be kept for the user to repair");
        }
        Files.writeString(file, good);
        assertTrue(new PinStore(file).find("h", 993).orElseThrow().matches(certificate), "the undamaged file still reads");
    }

    @Test
    void theReasonSaysWhatAndWhereWithoutParserInternals() throws Exception {
        Path file = folder.resolve("pins.json");
        Files.writeString(file, "{\"version\":1,\"pins\":[{\"host\":\"h\",\"port\":1,\"trusted\":true}]}");
        String message = assertThrows(PinStoreException.class, () -> new PinStore(file).all()).getMessage();
        assertTrue(message.contains("(unknown property \"trusted\" near line 1, column 52 ($.pins[0].trusted))"), message);
    }

    @Test
    void concurrentWritersLoseNoPin() throws Exception {
        Path file = folder.resolve("pins.json");
        var certificate = TestCertificates.selfSigned(Spec.forHost("h")).leaf();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            int w = writer;
            writes.add(pool.submit(() -> {
                PinStore own = new PinStore(file); // a store per writer, as separate windows or processes would have
                for (int i = 0; i < 10; i++) {
                    own.add(imap("host" + w, 1000 + i), certificate, Instant.now());
                }
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        assertEquals(80, new PinStore(file).all().size());
        try (var leftovers = Files.list(folder)) {
            assertEquals(List.of("pins.json", "pins.json.lock"), leftovers.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }
}
