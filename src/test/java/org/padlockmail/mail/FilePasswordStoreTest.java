package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.security.SecretsFile;

class FilePasswordStoreTest {

    @TempDir
    Path folder;

    @Test
    void passwordsPerAccountRoundTripAndAWrongPrimaryPasswordIsRefused() throws Exception {
        SecretsFile file = new SecretsFile(folder.resolve("secrets.json"), new SecretsFile.Cost(1024, 1, 1));
        PasswordStore store = new FilePasswordStore(file, "primary"::toCharArray);
        store.save("a", "secret-a");
        store.save("b", "secret-b");
        store.remove("a");
        assertEquals(Optional.empty(), store.password("a"));
        assertEquals(Optional.of("secret-b"), store.password("b"));
        PasswordStore wrong = new FilePasswordStore(file, "not it"::toCharArray);
        assertEquals(SecretsFile.Failure.WRONG_PASSWORD,
                assertThrows(SecretsFile.SecretsException.class, () -> wrong.password("b")).failure());
        assertThrows(SecretsFile.SecretsException.class, () -> wrong.save("c", "x"), "a wrong primary password never rewrites the file");
        assertEquals(Optional.of("secret-b"), store.password("b"));
    }
}
