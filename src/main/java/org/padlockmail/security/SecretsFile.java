package org.padlockmail.security;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.padlockmail.config.Json;
import org.padlockmail.config.JsonFile;

/**
 * Passwords at rest where no operating-system keyring is available (SECURITY.md, "Secrets at rest"):
 * one file, encrypted with AES-256-GCM under a key derived from the user's primary password with
 * Argon2id. The KDF parameters and salt are authenticated as associated data, and a separate check value
 * tells a wrong primary password from a file that was changed, so each gets its own clear error; neither
 * ever overwrites the file.
 */
public final class SecretsFile {

    /** Argon2id cost: memory in KiB, passes, lanes. */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        /** 64 MiB, 3 passes: above the OWASP minimum, about a third of a second here. */
        public static final Cost DEFAULT = new Cost(64 * 1024, 3, 1);
    }

    /** Why the file could not be opened. */
    public enum Failure { WRONG_PASSWORD, TAMPERED, UNREADABLE }

    public static final class SecretsException extends IOException {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        SecretsException(Failure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private static final int VERSION = 1;
    private static final byte[] CHECK_LABEL = "padlock-mail secrets check v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeToken<Map<String, String>> SECRETS = new TypeToken<Map<String, String>>() { };

    private final JsonFile<Stored> json;
    private final Cost cost;

    public SecretsFile(Path file) {
        this(file, Cost.DEFAULT);
    }

    /** A lighter cost is for tests only; a file keeps the cost it was written with. */
    public SecretsFile(Path file, Cost cost) {
        this.json = new JsonFile<>(file, Stored.class, () -> null);
        this.cost = cost;
    }

    /** The secrets by name; empty when there is no file yet. */
    public Map<String, String> read(char[] primaryPassword) throws IOException {
        Stored stored;
        try {
            stored = json.read();
        } catch (JsonFile.UnreadableFileException e) {
            throw new SecretsException(Failure.UNREADABLE, "The secrets file " + json.path() + " is damaged and cannot be "
                    + "read. It was left as it is.", e);
        }
        return stored == null ? new TreeMap<>() : decrypt(stored, primaryPassword);
    }

    /** Replaces all secrets, re-encrypted with a fresh salt and nonce. */
    public void write(char[] primaryPassword, Map<String, String> secrets) throws IOException {
        byte[] plaintext = Json.compact(new TreeMap<>(secrets)).getBytes(StandardCharsets.UTF_8);
        byte[] salt = random(16);
        byte[] nonce = random(12);
        byte[] keys = derive(primaryPassword, salt, cost);
        try {
            Stored header = new Stored(VERSION, "argon2id", cost.memoryKiB(), cost.iterations(), cost.parallelism(),
                    encode(salt), encode(check(keys)), encode(nonce), null);
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, keys, nonce, header).doFinal(plaintext);
            Stored stored = header.withCiphertext(encode(ciphertext));
            json.update(previous -> stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        } finally {
            Arrays.fill(keys, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Map<String, String> decrypt(Stored stored, char[] primaryPassword) throws SecretsException {
        if (stored.version() != VERSION || !"argon2id".equals(stored.kdf())) {
            throw new SecretsException(Failure.UNREADABLE, "The secrets file " + json.path() + " has an unknown format.", null);
        }
        byte[] keys = null;
        try {
            Cost storedCost = new Cost(stored.memoryKiB(), stored.iterations(), stored.parallelism());
            keys = derive(primaryPassword, decode(stored.salt()), storedCost);
            if (!MessageDigest.isEqual(check(keys), decode(stored.check()))) {
                throw new SecretsException(Failure.WRONG_PASSWORD, "The primary password is wrong.", null);
            }
            byte[] plaintext = cipher(Cipher.DECRYPT_MODE, keys, decode(stored.nonce()), stored.withCiphertext(null))
                    .doFinal(decode(stored.ciphertext()));
            return new TreeMap<>(Json.read(new String(plaintext, StandardCharsets.UTF_8), SECRETS));
        } catch (SecretsException e) {
            throw e;
        } catch (AEADBadTagException e) {
            throw new SecretsException(Failure.TAMPERED, "The secrets file " + json.path() + " was changed or damaged "
                    + "since Padlock Mail wrote it; it was not used and was left as it is.", e);
        } catch (IllegalArgumentException | NullPointerException | IOException e) {
            throw new SecretsException(Failure.UNREADABLE, "The secrets file " + json.path() + " is damaged and cannot be read.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        } finally {
            if (keys != null) {
                Arrays.fill(keys, (byte) 0);
            }
        }
    }

    /** 64 bytes: the AES key, then the key of the password check. */
    private static byte[] derive(char[] password, byte[] salt, Cost cost) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withSalt(salt).withMemoryAsKB(cost.memoryKiB()).withIterations(cost.iterations())
                .withParallelism(cost.parallelism()).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] keys = new byte[64];
        generator.generateBytes(password, keys);
        return keys;
    }

    private static byte[] check(byte[] keys) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
        return mac.doFinal(CHECK_LABEL);
    }

    private static Cipher cipher(int mode, byte[] keys, byte[] nonce, Stored header) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(keys, 0, 32, "AES"), new GCMParameterSpec(128, nonce));
        // Everything but the ciphertext is authenticated, so lowering the KDF cost in the file is detected.
        cipher.updateAAD(header.associatedData());
        return cipher;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        return Base64.getDecoder().decode(text);
    }

    /** Every field must be there: a file missing one is damaged, never read with a default in its place. */
    @Json.Complete
    record Stored(int version, String kdf, int memoryKiB, int iterations, int parallelism, String salt, String check,
                  String nonce, String ciphertext) {

        Stored withCiphertext(String newCiphertext) {
            return new Stored(version, kdf, memoryKiB, iterations, parallelism, salt, check, nonce, newCiphertext);
        }

        byte[] associatedData() {
            return String.join("|", Integer.toString(version), kdf, Integer.toString(memoryKiB), Integer.toString(iterations),
                    Integer.toString(parallelism), salt, check, nonce).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
