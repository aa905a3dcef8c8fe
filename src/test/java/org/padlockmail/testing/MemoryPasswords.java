package org.padlockmail.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.padlockmail.mail.PasswordStore;

/** Passwords kept in memory, for UI tests that must not touch the user's keyring. */
public final class MemoryPasswords implements PasswordStore {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    @Override
    public Optional<String> password(String accountId) {
        return Optional.ofNullable(passwords.get(accountId));
    }

    @Override
    public void save(String accountId, String password) {
        passwords.put(accountId, password);
    }

    @Override
    public void remove(String accountId) {
        passwords.remove(accountId);
    }

    @Override
    public String describe() {
        return "in memory (tests)";
    }
}
