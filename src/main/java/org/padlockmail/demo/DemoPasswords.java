package org.padlockmail.demo;

import java.util.Optional;

import org.padlockmail.mail.PasswordStore;

/** The demo account's password lives only as long as the demo server; nothing of it is written anywhere. */
public record DemoPasswords(String accountId, String password) implements PasswordStore {

    @Override
    public Optional<String> password(String id) {
        return id.equals(accountId) ? Optional.of(password) : Optional.empty();
    }

    @Override
    public void save(String id, String value) {
        throw new UnsupportedOperationException("the demo account's password is fixed for the run");
    }

    @Override
    public void remove(String id) {
        // nothing is stored
    }

    @Override
    public String describe() {
        return "in memory, for the demo account";
    }
}
