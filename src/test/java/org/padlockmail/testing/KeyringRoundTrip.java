package org.padlockmail.testing;

import java.util.Optional;
import org.padlockmail.mail.KeyringPasswordStore;
import org.padlockmail.mail.PasswordStore;

/** Run in a child JVM inside a private D-Bus session with GNOME Keyring: stores, reads and removes a password. */
public final class KeyringRoundTrip {

    private KeyringRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        Optional<PasswordStore> keyring = KeyringPasswordStore.ifAvailable();
        if (keyring.isEmpty()) {
            System.out.println("NO-KEYRING");
            System.exit(3);
        }
        try (PasswordStore store = keyring.get()) {
            store.save("account-1", args[0]);
            System.out.println("READ " + store.password("account-1").orElse("-"));
            store.remove("account-1");
            System.out.println("AFTER-REMOVE " + store.password("account-1").orElse("-"));
            System.out.println("WHERE " + store.describe());
        }
    }
}
