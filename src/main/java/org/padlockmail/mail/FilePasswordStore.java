package org.padlockmail.mail;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.padlockmail.security.SecretsFile;

/** Passwords in the encrypted secrets file, for machines without a keyring; the primary password is asked for when needed. */
public final class FilePasswordStore implements PasswordStore {

    private final SecretsFile file;
    private final Supplier<char[]> primaryPassword;

    public FilePasswordStore(SecretsFile file, Supplier<char[]> primaryPassword) {
        this.file = file;
        this.primaryPassword = primaryPassword;
    }

    @Override
    public Optional<String> password(String accountId) throws IOException {
        return Optional.ofNullable(file.read(primaryPassword.get()).get(accountId));
    }

    @Override
    public void save(String accountId, String password) throws IOException {
        char[] primary = primaryPassword.get();
        Map<String, String> secrets = new TreeMap<>(file.read(primary));
        secrets.put(accountId, password);
        file.write(primary, secrets);
    }

    @Override
    public void remove(String accountId) throws IOException {
        char[] primary = primaryPassword.get();
        Map<String, String> secrets = new TreeMap<>(file.read(primary));
        if (secrets.remove(accountId) != null) {
            file.write(primary, secrets);
        }
    }

    @Override
    public String describe() {
        return "an encrypted file protected by your primary password";
    }
}
