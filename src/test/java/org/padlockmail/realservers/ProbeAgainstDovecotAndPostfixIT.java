package org.padlockmail.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.padlockmail.testing.RealMailServers.ALICE;
import static org.padlockmail.testing.RealMailServers.HOST;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.padlockmail.testing.RealMailServers;

/**
 * The packaged probe ({@code java -jar target/padlock-mail.jar}) against a real Dovecot and Postfix:
 * IMAP STARTTLS and IMAPS, submission STARTTLS and implicit TLS, with SASL through Dovecot.
 */
@ExtendWith(RealMailServers.class)
class ProbeAgainstDovecotAndPostfixIT {

    @TempDir
    Path folder;

    /** Runs the packaged jar the way a script would; the password travels in the environment only. */
    private JsonObject probe(List<String> args, String password) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "padlock-mail.jar").toAbsolutePath().toString(), "probe"));
        command.addAll(args);
        command.add("--json");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PADLOCK_IT_PASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        JsonObject json = JsonParser.parseString(output).getAsJsonObject();
        json.addProperty("exitCode", process.exitValue());
        return json;
    }

    private List<String> args(String protocol, int port, String security, String... extra) {
        List<String> args = new ArrayList<>(List.of(protocol, HOST, Integer.toString(port), "--security", security,
                "--user", ALICE, "--password-env", "PADLOCK_IT_PASSWORD",
                "--pins", folder.resolve("pins.json").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"imap, 31143, starttls", "imap, 31993, tls", "smtp, 31587, starttls", "smtp, 31465, tls"})
    void eachRealServerIsSecureWithTls13AndALogin(String protocol, int port, String security) throws Exception {
        JsonObject json = probe(args(protocol, port, security, "--ca", RealMailServers.caFile().toString()),
                RealMailServers.alicePassword());
        assertEquals("secure", json.get("outcome").getAsString(), json.toString());
        assertEquals("secure", json.get("lock").getAsString());
        assertEquals(0, json.get("exitCode").getAsInt());
        assertTrue(json.get("authenticated").getAsBoolean());
        assertEquals("TLSv1.3", json.getAsJsonObject("tls").get("protocol").getAsString());
        assertTrue(json.getAsJsonObject("tls").get("cipherSuite").getAsString().startsWith("TLS_AES_")
                || json.getAsJsonObject("tls").get("cipherSuite").getAsString().startsWith("TLS_CHACHA20_"));
        assertEquals("x25519", json.getAsJsonObject("tls").get("keyExchange").getAsString());
        assertEquals("CN=Padlock Integration CA", json.getAsJsonObject("certificate").get("issuer").getAsString());
        assertTrue(json.get("message").getAsString().contains("verified by Padlock Integration CA"));
        if (protocol.equals("imap")) {
            assertTrue(json.get("messages").getAsInt() >= 0);
        } else {
            assertTrue(json.get("messages").isJsonNull());
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureOnASecureConnection() throws Exception {
        JsonObject json = probe(args("imap", RealMailServers.IMAPS, "tls", "--ca", RealMailServers.caFile().toString()), "wrong-password");
        assertEquals("auth-failed", json.get("outcome").getAsString());
        assertEquals("secure", json.get("lock").getAsString());
        assertEquals(1, json.get("exitCode").getAsInt());
    }

    @Test
    void withoutTheCaTheServerIsUntrustedUntilPinnedThenPinned() throws Exception {
        JsonObject untrusted = probe(args("imap", RealMailServers.IMAP_STARTTLS, "starttls"), RealMailServers.alicePassword());
        assertEquals("certificate-untrusted", untrusted.get("outcome").getAsString());
        assertFalse(untrusted.get("authenticated").getAsBoolean());
        JsonObject pinned = probe(args("imap", RealMailServers.IMAP_STARTTLS, "starttls", "--accept-new-certificate"),
                RealMailServers.alicePassword());
        assertEquals("pinned", pinned.get("outcome").getAsString(), pinned.toString());
        assertTrue(pinned.get("authenticated").getAsBoolean());
        assertTrue(Files.readString(folder.resolve("pins.json")).contains(pinned.getAsJsonObject("certificate").get("spkiSha256").getAsString()));
    }

    /** The test server must really refuse a password before STARTTLS, or the STARTTLS tests would prove little. */
    @Test
    void dovecotRefusesLoginBeforeStartTls() throws IOException {
        try (Socket socket = new Socket(HOST, RealMailServers.IMAP_STARTTLS)) {
            socket.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String greeting = in.readLine();
            assertTrue(greeting.contains("LOGINDISABLED"), greeting);
            out.write(("a LOGIN " + ALICE + " " + RealMailServers.alicePassword() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = tagged(in, "a");
            assertTrue(answer.startsWith("a NO") || answer.startsWith("a BAD"), answer);
            String sasl = Base64.getEncoder().encodeToString(("\0" + ALICE + "\0" + RealMailServers.alicePassword())
                    .getBytes(StandardCharsets.UTF_8));
            out.write(("b AUTHENTICATE PLAIN " + sasl + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String authenticate = tagged(in, "b");
            assertTrue(authenticate.startsWith("b NO") || authenticate.startsWith("b BAD"), authenticate);
        }
    }

    /** The tagged answer, after any untagged lines (Dovecot adds an [ALERT] explaining the refusal). */
    private static String tagged(BufferedReader in, String tag) throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line.startsWith("* "));
        assertTrue(line.startsWith(tag + " "), line);
        return line;
    }

    @Test
    void postfixRefusesAuthBeforeStartTls() throws IOException {
        try (Socket socket = new Socket(HOST, RealMailServers.SUBMISSION)) {
            socket.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220"));
            out.write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> extensions = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                extensions.add(line);
            } while (line.charAt(3) == '-');
            assertTrue(extensions.stream().anyMatch(e -> e.contains("STARTTLS")), extensions.toString());
            assertFalse(extensions.stream().anyMatch(e -> e.contains("AUTH")), "AUTH offered before TLS: " + extensions);
            String sasl = Base64.getEncoder().encodeToString(("\0" + ALICE + "\0" + RealMailServers.alicePassword())
                    .getBytes(StandardCharsets.UTF_8));
            out.write(("AUTH PLAIN " + sasl + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = in.readLine();
            assertTrue(answer.startsWith("5"), answer);
        }
    }
}
