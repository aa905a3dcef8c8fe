package org.padlockmail.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountStore;
import org.padlockmail.mail.DraftStore;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.Outbox;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.Pin;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecretsFile;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.ui.ClientSession.Preferences;

/**
 * Files exactly as the Jackson-based versions wrote them (resources {@code jackson-format/}, produced by
 * that code) read back to the same values, and writing them again gives the same JSON document.
 */
class JacksonWrittenFilesTest {

    @TempDir
    Path folder;

    private Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getResourceAsStream("jackson-format/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private JsonElement tree(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("jackson-format/" + name)) {
            return JsonParser.parseString(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static JsonElement tree(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file));
    }

    @Test
    void accounts() throws Exception {
        Path file = copy("accounts.json", folder.resolve("accounts.json"));
        AccountStore store = new AccountStore(file);
        Account first = new Account("3f2c1d9e-0000-4000-8000-000000000001", "Zhāng Wěi 张伟", "wei@example.org", "wei",
                new ServerSettings("imap.example.org", 993, SecurityMode.TLS, false),
                new ServerSettings("smtp.example.org", 587, SecurityMode.STARTTLS, false), "TLSv1.3",
                List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"), null);
        Account second = new Account("3f2c1d9e-0000-4000-8000-000000000002", null, "lab@lab.test", "lab",
                new ServerSettings("10.0.0.2", 143, SecurityMode.PLAIN, true),
                new ServerSettings("10.0.0.2", 25, SecurityMode.PLAIN, false), "TLSv1.2", List.of(), null);
        assertEquals(List.of(first, second), store.all());

        assertEquals(Account.DEFAULT_OFFLINE_DAYS, first.offlineDays(), "written before the setting existed: the default");

        store.save(first);
        JsonElement written = tree(file);
        for (JsonElement account : written.getAsJsonObject().getAsJsonArray("accounts")) {
            assertEquals(Account.DEFAULT_OFFLINE_DAYS, account.getAsJsonObject().remove("offlineDays").getAsInt());
        }
        assertEquals(tree("accounts.json"), written, "written again, the document is the same (nulls included) but for the new setting");
    }

    @Test
    void accountsWrittenBeforeTheTlsSettingsExistedStillRead() throws Exception {
        Path file = folder.resolve("accounts.json");
        Files.writeString(file, """
                {"version":1,"accounts":[{"id":"a","displayName":"A","address":"a@example.org","userName":"a",
                 "imap":{"host":"imap.example.org","port":993,"security":"TLS","allowPlaintextPassword":false},
                 "smtp":{"host":"smtp.example.org","port":465,"security":"TLS","allowPlaintextPassword":false}}]}""");
        Account account = new AccountStore(file).all().get(0);
        assertEquals("TLSv1.2", account.minimumTlsVersion());
        assertEquals(List.of(), account.cipherSuites());
    }

    @Test
    void pins() throws Exception {
        Path file = copy("pins.json", folder.resolve("pins.json"));
        byte[] certificate;
        try (InputStream in = getClass().getResourceAsStream("jackson-format/pinned.der")) {
            certificate = in.readAllBytes();
        }
        PinStore store = new PinStore(file);
        Pin pin = store.find("mail.example.org", 993).orElseThrow();
        assertEquals(1, store.all().size());
        assertEquals(Instant.parse("2026-11-01T10:15:30.123Z"), pin.firstSeen());
        assertArrayEquals(certificate, pin.certificate().getEncoded());
        assertEquals(CertificateFacts.spkiSha256(pin.certificate()), pin.spkiSha256());

        store.remove("other.example.org", 993); // rewrites the file
        assertEquals(tree("pins.json"), tree(file));
    }

    @Test
    void drafts() throws Exception {
        copy("draft.json", folder.resolve("drafts/draft-1.json"));
        DraftStore store = new DraftStore(folder.resolve("drafts"));
        MessageDraft expected = new MessageDraft(List.of("Bob <bob@example.org>", "c@example.org"), List.of(),
                List.of("hidden@example.org"), "回复：周报 \"quoted\" <tag> & more", "正文\nline 2\ttab", null,
                List.of(Path.of("/home/wei/Documents/报告 2026.pdf"), Path.of("/tmp/a%b#c.txt")), "<1@example.org>",
                List.of("<0@example.org>", "<1@example.org>"));
        assertEquals(Optional.of(expected), store.load("draft-1"));

        store.save("draft-1", expected);
        assertEquals(tree("draft.json"), tree(folder.resolve("drafts/draft-1.json")), "paths stay file: URIs");
    }

    @Test
    void preferences() throws Exception {
        Path file = copy("preferences.json", folder.resolve("preferences.json"));
        JsonFile<Preferences> json = new JsonFile<>(file, Preferences.class, () -> null);
        assertEquals(new Preferences("zh-CN", "dark", List.of("news@example.org", "friend@example.org")), json.read());

        json.update(p -> p);
        assertEquals(tree("preferences.json"), tree(file));
    }

    @Test
    void secretsFile() throws Exception {
        Path file = copy("secrets.json", folder.resolve("secrets.json"));
        SecretsFile secrets = new SecretsFile(file, new SecretsFile.Cost(1024, 1, 1));
        Map<String, String> expected = Map.of("3f2c1d9e-0000-4000-8000-000000000001", "pässwörd 密码 \"quote\" \\ slash",
                "a-second", "x");
        assertEquals(expected, secrets.read("primary 主密码".toCharArray()));

        secrets.write("primary 主密码".toCharArray(), expected); // a fresh salt and nonce: compare the shape
        var before = tree("secrets.json").getAsJsonObject();
        var after = tree(file).getAsJsonObject();
        assertEquals(before.keySet(), after.keySet());
        for (String same : List.of("version", "kdf", "memoryKiB", "iterations", "parallelism")) {
            assertEquals(before.get(same), after.get(same), same);
        }
        assertEquals(expected, secrets.read("primary 主密码".toCharArray()));
    }

    @Test
    void outboxEntry() throws Exception {
        String id = "1772600767890-f391630e-64d2-4c53-9ff0-00653f58bb08";
        copy("outbox-entry.json", folder.resolve("outbox/" + id + ".json"));
        Outbox outbox = new Outbox(folder.resolve("outbox"), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Outbox.Entry expected = new Outbox.Entry(id, Outbox.Status.PENDING, 1, Instant.parse("2026-03-04T05:06:07.890Z"),
                Instant.parse("2026-03-04T05:06:37.890Z"), "421 4.7.0 Try again later, \"busy\"");
        assertEquals(List.of(expected), outbox.entries());
        assertEquals(tree("outbox-entry.json"), JsonParser.parseString(Json.compact(expected)));
    }
}
