package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.security.SecurityMode;

class AccountStoreTest {

    @TempDir
    Path folder;

    private static Account alice() {
        return Account.create("Alice", "alice@padlock.test", "alice@padlock.test",
                new ServerSettings("imap.padlock.test", 993, SecurityMode.TLS, false),
                new ServerSettings("smtp.padlock.test", 587, SecurityMode.STARTTLS, false));
    }

    @Test
    void accountsRoundTripInOrderAndSaveReplacesById() throws IOException {
        AccountStore store = new AccountStore(folder.resolve("accounts.json"));
        assertEquals(List.of(), store.all());
        Account alice = alice();
        Account bob = Account.create("Bob", "bob@padlock.test", "bob",
                new ServerSettings("127.0.0.2", 31143, SecurityMode.PLAIN, true),
                new ServerSettings("127.0.0.2", 31025, SecurityMode.PLAIN, false));
        store.save(alice);
        store.save(bob);
        Account tightened = new Account(alice.id(), "Alice W.", alice.address(), alice.userName(), alice.imap(), alice.smtp(), "TLSv1.3", List.of(), 7);
        store.save(tightened);

        AccountStore reopened = new AccountStore(folder.resolve("accounts.json"));
        assertEquals(List.of(tightened, bob), reopened.all());
        assertEquals(List.of("TLSv1.3"), reopened.find(alice.id()).orElseThrow().tlsPolicy().protocols());
        assertTrue(reopened.remove(bob.id()));
        assertFalse(reopened.remove(bob.id()));
        assertEquals(List.of(tightened), reopened.all());
    }

    @Test
    void aDamagedFileIsAnErrorAndIsKept() throws IOException {
        Path file = folder.resolve("accounts.json");
        for (String damaged : List.of("[1, 2", "{\"version\": 7, \"accounts\": []}")) {
            Files.writeString(file, damaged);
            AccountStore store = new AccountStore(file);
            assertThrows(IOException.class, store::all);
            assertThrows(IOException.class, () -> store.save(alice()));
            assertEquals(damaged, Files.readString(file));
        }
    }

    @Test
    void settingsRefuseContradictions() {
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings("h", 993, SecurityMode.TLS, true),
                "a plaintext-password allowance on an encrypted connection would be a loaded gun for later");
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings("h", 0, SecurityMode.TLS, false));
        Account a = alice();
        assertThrows(IllegalArgumentException.class,
                () -> new Account(a.id(), a.displayName(), a.address(), a.userName(), a.imap(), a.smtp(), "TLSv1.1", List.of(), null));
    }
}
