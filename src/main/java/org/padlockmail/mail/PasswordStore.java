package org.padlockmail.mail;

import java.io.IOException;
import java.util.Optional;

/** Where account passwords live: the operating system's keyring, or the encrypted secrets file. Never the settings. */
public interface PasswordStore extends AutoCloseable {

    Optional<String> password(String accountId) throws IOException;

    void save(String accountId, String password) throws IOException;

    void remove(String accountId) throws IOException;

    /** For the settings pane: where the passwords are kept, in words. */
    String describe();

    /** Releases what the store holds open (a keyring's D-Bus connection keeps the JVM alive otherwise). */
    @Override
    default void close() {
    }
}
