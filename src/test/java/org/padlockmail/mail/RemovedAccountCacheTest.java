package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.MailCache;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.TlsClient;
import org.padlockmail.security.TlsPolicy;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;
import org.padlockmail.testing.MemoryPasswords;

/** A removed account's cached mail does not stay on disk: not after removing it, not after a crash in between. */
class RemovedAccountCacheTest {

    @TempDir
    Path data;

    @Test
    void closingARemovedAccountDeletesItsCacheWithItsLog() throws Exception {
        Account account = unreachableAccount();
        Path file = MailAccount.cacheFile(data, account.id());
        try (MailCache cache = MailCache.open(file)) {
            cache.folder("INBOX").putHeaders(List.of(new CachedHeader(1, 0, 0, 1_700_000_000L, 900, 1_700_000_000L,
                    "Payslip November", "HR <hr@example.org>", "me@example.org", "<1@example.org>", null, false)));
        }
        MailAccount opened = new MailAccount(account, new MemoryPasswords(), connector(), data, new AccountEvents() { }, Clock.systemUTC());
        assertEquals(1, opened.cachedCount("INBOX"), "the account read its cache");

        opened.closeAndDeleteCache().get(30, TimeUnit.SECONDS);

        assertEquals(List.of(), cacheFiles(), "nothing of the account's cache is left");
    }

    @Test
    void cachesOfAccountsNoLongerSavedAreDeletedAtStartAndTheOthersKept() throws Exception {
        Path folder = Files.createDirectories(data.resolve("cache"));
        for (String name : List.of("kept.sqlite", "kept.sqlite-wal", "demo.sqlite", "gone.sqlite", "gone.sqlite-wal",
                "gone.sqlite-shm", "gone.sqlite.broken")) {
            Files.writeString(folder.resolve(name), "x");
        }

        MailAccount.deleteCachesExcept(data, Set.of("kept", "demo"));

        assertEquals(List.of("demo.sqlite", "kept.sqlite", "kept.sqlite-wal"), cacheFiles());
        assertTrue(Files.isDirectory(folder));
    }

    private List<String> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("cache"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private Account unreachableAccount() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort(); // nothing listens there once it is closed
        }
        ServerSettings server = new ServerSettings("127.0.0.1", closed, SecurityMode.TLS, false);
        return Account.create("Removed", "removed@example.org", "removed@example.org", server, server);
    }

    private SecureConnector connector() {
        return new SecureConnector(new TlsClient(new TrustEvaluator(TrustAnchors.system(), new PinStore(data.resolve("pins.json")),
                TlsPolicy.defaults()), Clock.systemUTC()), SecureConnector.DEFAULT_DEADLINE);
    }
}
