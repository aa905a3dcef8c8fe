package org.padlockmail.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.padlockmail.cli.PadlockCommand;
import picocli.CommandLine;

/** Runs {@code padlock-mail probe ... --json} in this JVM, exactly as a script would, and reads its answer. */
public record ProbeRun(int exitCode, JsonObject json, String output, String errors) {

    /** Set by the pom for the test JVM, so that no test puts a password on a command line. */
    public static final String PASSWORD_VARIABLE = "PROBE_PASSWORD";
    public static final String USER = "victim@padlock.test";

    public static String password() {
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null) {
            throw new IllegalStateException(PASSWORD_VARIABLE + " is not set: run the tests through Maven");
        }
        return password;
    }

    public static ProbeRun probe(String... args) {
        List<String> all = new ArrayList<>(List.of("probe"));
        all.addAll(List.of(args));
        all.add("--json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new PadlockCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(all.toArray(new String[0]));
        JsonObject json = null;
        if (!out.toString().isBlank()) {
            try {
                json = JsonParser.parseString(out.toString()).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new AssertionError("probe printed no JSON: " + out, e);
            }
        }
        return new ProbeRun(exit, json, out.toString(), err.toString());
    }

    /**
     * The probe against a test server on localhost, logging in as the test user.
     *
     * @param caFile a CA to trust for this run, or null
     */
    public static ProbeRun against(String protocol, int port, String security, Path caFile, Path pinFile, String... extra) {
        List<String> args = new ArrayList<>(List.of(protocol, "localhost", Integer.toString(port), "--security", security,
                "--pins", pinFile.toString()));
        if (caFile != null) {
            args.addAll(List.of("--ca", caFile.toString()));
        }
        args.addAll(login());
        args.addAll(List.of(extra));
        return probe(args.toArray(new String[0]));
    }

    /** The arguments that make the probe log in as the test user. */
    public static List<String> login() {
        return List.of("--user", USER, "--password-env", PASSWORD_VARIABLE);
    }

    public String outcome() {
        return json.get("outcome").getAsString();
    }

    public String message() {
        return json.get("message").getAsString();
    }

    /** The password in every form a client could send it: raw, SASL PLAIN, AUTH LOGIN. */
    public static void assertPasswordNeverArrived(HostileServer server) {
        String received = server.receivedText();
        String password = password();
        Base64.Encoder base64 = Base64.getEncoder();
        for (String form : List.of(password,
                base64.encodeToString(("\0" + USER + "\0" + password).getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString((USER + "\0" + USER + "\0" + password).getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(received.contains(form), "the password reached the server: " + received);
        }
    }
}
