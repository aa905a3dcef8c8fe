package org.padlockmail.mail;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.util.Optional;

/** Passwords in the operating system's keyring (Secret Service, Keychain, Credential Manager) through java-keyring. */
public final class KeyringPasswordStore implements PasswordStore {

    static final String SERVICE = "Padlock Mail";
    private static final String PROBE = "padlock-mail-keyring-probe";

    private final Keyring keyring;

    private KeyringPasswordStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * The keyring, if one is there and works: a keyring library can load on a machine whose keyring
     * service is missing or locked, so only a real write and read proves it.
     */
    public static Optional<PasswordStore> ifAvailable() {
        Keyring keyring = null;
        try {
            keyring = Keyring.create();
            keyring.setPassword(SERVICE, PROBE, PROBE);
            boolean works = PROBE.equals(keyring.getPassword(SERVICE, PROBE));
            keyring.deletePassword(SERVICE, PROBE);
            if (works) {
                return Optional.of(new KeyringPasswordStore(keyring));
            }
        } catch (BackendNotSupportedException | PasswordAccessException | RuntimeException e) {
            // no usable keyring: the caller falls back to the encrypted file
        }
        closeQuietly(keyring);
        return Optional.empty();
    }

    @Override
    public Optional<String> password(String accountId) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, accountId));
        } catch (PasswordAccessException e) {
            return Optional.empty(); // the library reports a missing entry this way
        }
    }

    @Override
    public void save(String accountId, String password) throws IOException {
        try {
            keyring.setPassword(SERVICE, accountId, password);
        } catch (PasswordAccessException e) {
            throw new IOException("The keyring did not store the password: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String accountId) throws IOException {
        try {
            keyring.deletePassword(SERVICE, accountId);
        } catch (PasswordAccessException e) {
            throw new IOException("The keyring did not remove the password: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(keyring);
    }

    private static void closeQuietly(Keyring keyring) {
        if (keyring != null) {
            try {
                keyring.close();
            } catch (Exception ignored) {
                // closing is all that is left to do
            }
        }
    }

    @Override
    public String describe() {
        return "the system keyring (" + keyring.getKeyringStorageType() + ")";
    }
}
