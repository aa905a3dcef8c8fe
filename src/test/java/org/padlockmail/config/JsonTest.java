package org.padlockmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decisions of {@link Json}, one by one. */
class JsonTest {

    enum Colour { RED, DARK_BLUE }

    record Thing(String name, int count, boolean flag, Colour colour, Instant when, List<Path> files) {
    }

    @Json.Complete
    record Strict(String name, Instant when) {
    }

    record Checked(String name) {
        Checked {
            Objects.requireNonNull(name, "name");
        }
    }

    private static <T> T read(String json, Class<T> type) throws Json.InvalidJsonException {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String refused(String json, Class<?> type) {
        return assertThrows(Json.InvalidJsonException.class, () -> read(json, type), json).getMessage();
    }

    private static final String THING = "{\"name\":\"n\",\"count\":1,\"flag\":true,\"colour\":\"RED\","
            + "\"when\":\"2026-01-01T00:00:00Z\",\"files\":[]";

    @Test
    void aRecordRoundTripsWithNullsWritten() throws Exception {
        Thing thing = new Thing("n <&=> '", 7, true, Colour.DARK_BLUE, Instant.parse("2026-11-01T10:15:30.123456789Z"),
                List.of(Path.of("/tmp/报告 1%.pdf")));
        String json = Json.compact(thing);
        assertEquals("{\"name\":\"n <&=> '\",\"count\":7,\"flag\":true,\"colour\":\"DARK_BLUE\","
                + "\"when\":\"2026-11-01T10:15:30.123456789Z\",\"files\":[\"file:///tmp/%E6%8A%A5%E5%91%8A%201%25.pdf\"]}", json,
                "component order, enum names, ISO instants, file: URIs, no HTML escaping");
        assertEquals(thing, read(json, Thing.class));
        assertEquals("{\"name\":null,\"when\":null}", Json.compact(new Strict(null, null)));
        assertTrue(new String(Json.pretty(thing), StandardCharsets.UTF_8).contains("\n  \"count\": 7,\n"));
    }

    @Test
    void syntaxIsRfc8259Only() {
        for (String bad : List.of("", "   ", "{", THING, THING + ",}", THING + "} {}", THING + "} x", "{/*c*/" + THING.substring(1) + "}",
                "{'name':'n'}", "{name:\"n\"}", "[" + THING + "}]")) {
            refused(bad, Thing.class);
        }
        assertEquals("not valid JSON near line 2, column 4 ($.name)", refused("{\"name\":\"n\",\n  x", Thing.class));
    }

    @Test
    void aNullDocumentIsNotADocument() {
        refused("null", Thing.class);
    }

    @Test
    void aRecordReadsItsOwnComponentsOnly() {
        assertTrue(refused(THING + ",\"extra\":1}", Thing.class).startsWith("unknown property \"extra\""));
        assertTrue(refused(THING + ",\"name\":\"again\"}", Thing.class).startsWith("\"name\" appears twice"));
        assertTrue(refused(THING.replace("\"count\":1,", "") + "}", Thing.class).startsWith("\"count\" is missing"));
        assertTrue(refused(THING.replace("\"count\":1", "\"count\":null") + "}", Thing.class).startsWith("\"count\" must not be null"));
        assertTrue(refused(THING.replace("\"flag\":true,", "") + "}", Thing.class).startsWith("\"flag\" is missing"));
    }

    @Test
    void aMissingReferenceIsNullUnlessTheRecordIsComplete() throws Exception {
        Thing thing = read("{\"count\":1,\"flag\":false}", Thing.class);
        assertNull(thing.name());
        assertNull(thing.files());
        assertTrue(refused("{\"name\":\"n\"}", Strict.class).startsWith("\"when\" is missing"));
        assertEquals(new Strict(null, null), read("{\"name\":null,\"when\":null}", Strict.class), "present, even as null");
    }

    @Test
    void theRecordsOwnChecksRunOnWhatIsRead() {
        assertEquals("not a valid checked: name near line 1, column 3", refused("{}", Checked.class));
    }

    @Test
    void valuesMustHaveTheTypeWeWrite() {
        refused(THING.replace("\"name\":\"n\"", "\"name\":1") + "}", Thing.class);
        refused(THING.replace("\"count\":1", "\"count\":\"1\"") + "}", Thing.class);
        refused(THING.replace("\"count\":1", "\"count\":1.5") + "}", Thing.class);
        refused(THING.replace("\"count\":1", "\"count\":4294967296") + "}", Thing.class);
        refused(THING.replace("\"flag\":true", "\"flag\":\"true\"") + "}", Thing.class);
        refused(THING.replace("\"flag\":true", "\"flag\":1") + "}", Thing.class);
        refused(THING.replace("\"files\":[]", "\"files\":{}") + "}", Thing.class);
        refused(THING.replace("\"files\":[]", "\"files\":\"/tmp/x\"") + "}", Thing.class);
        refused("[]", Thing.class);
    }

    @Test
    void enumsByTheirExactName() throws Exception {
        assertTrue(refused(THING.replace("RED", "red") + "}", Thing.class).startsWith("unknown value \"red\""));
        refused(THING.replace("\"RED\"", "0") + "}", Thing.class);
        refused(THING.replace("RED", "GREEN") + "}", Thing.class);
        assertNull(read(THING.replace("\"RED\"", "null") + "}", Thing.class).colour());
    }

    @Test
    void instants() throws Exception {
        assertEquals(Instant.parse("2025-12-31T22:00:00Z"),
                read(THING.replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:00+02:00") + "}", Thing.class).when());
        refused(THING.replace("\"2026-01-01T00:00:00Z\"", "1700000000") + "}", Thing.class);
        refused(THING.replace("2026-01-01T00:00:00Z", "2026-01-01") + "}", Thing.class);
        refused(THING.replace("2026-01-01T00:00:00Z", "yesterday") + "}", Thing.class);
    }

    @Test
    void pathsAsFileUrisOrPlain() throws Exception {
        assertEquals(List.of(Path.of("/tmp/a b.pdf"), Path.of("/tmp/c.txt"), Path.of("relative/d")),
                read(THING.replace("\"files\":[]", "\"files\":[\"file:///tmp/a%20b.pdf\",\"/tmp/c.txt\",\"relative/d\"]") + "}",
                        Thing.class).files());
        refused(THING.replace("\"files\":[]", "\"files\":[\"nosuchscheme://x/y\"]") + "}", Thing.class);
        refused(THING.replace("\"files\":[]", "\"files\":[\"/tmp/\\u0000\"]") + "}", Thing.class);
        refused(THING.replace("\"files\":[]", "\"files\":[1]") + "}", Thing.class);
    }

    @Test
    void mapsRefuseDuplicateKeys() throws Exception {
        TypeToken<Map<String, String>> type = new TypeToken<Map<String, String>>() { };
        assertEquals(Map.of("a", "1", "b", "2"), Json.read("{\"b\":\"2\",\"a\":\"1\"}", type));
        assertThrows(Json.InvalidJsonException.class, () -> Json.read("{\"a\":\"1\",\"a\":\"2\"}", type));
        assertThrows(Json.InvalidJsonException.class, () -> Json.read("{\"a\":1}", type));
    }

    record Unsupported(Duration duration, Optional<String> maybe) {
    }

    static final class NotARecord {
        String field = "taken apart by reflection";
    }

    @Test
    void aTypeWithoutAnAdapterFailsLoudlyInsteadOfBeingTakenApart() {
        assertThrows(RuntimeException.class, () -> Json.compact(new Unsupported(Duration.ZERO, Optional.empty())));
        assertThrows(RuntimeException.class, () -> Json.compact(new NotARecord()));
        assertThrows(RuntimeException.class, () -> Json.read("{}", new TypeToken<NotARecord>() { }));
    }
}
