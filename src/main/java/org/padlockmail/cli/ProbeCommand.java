package org.padlockmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.padlockmail.config.ConfigFolder;
import org.padlockmail.config.Json;
import org.padlockmail.mail.Credentials;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.ServerCheck;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.PinStoreException;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;
import org.padlockmail.security.TlsClient;
import org.padlockmail.security.TlsPolicy;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code padlock-mail probe}: connect to one server exactly as the app does and report how it is protected. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Connect to an IMAP or SMTP server the way Padlock Mail does and report how the connection is protected.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:secure, pinned, or plaintext when asked for, and logged in when --user was given",
            "1:any refusal or failure",
            "2:wrong usage"})
public final class ProbeCommand implements Callable<Integer> {

    enum Protocol { imap, smtp }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", description = "imap or smtp")
    private Protocol protocol;

    @Parameters(index = "1", paramLabel = "HOST", description = "the server's host name, checked against its certificate")
    private String host;

    @Parameters(index = "2", paramLabel = "PORT")
    private int port;

    @Option(names = "--security", required = true, paramLabel = "tls|starttls|plain",
            description = "implicit TLS, required STARTTLS, or plaintext")
    private String security;

    @Option(names = "--user", paramLabel = "NAME", description = "log in as this user")
    private String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "the environment variable holding the password (never on the command line)")
    private String passwordVariable;

    @Option(names = "--ca", paramLabel = "PEMFILE", description = "also trust the CA certificates in this file (repeatable)")
    private List<Path> caFiles = new ArrayList<>();

    @Option(names = "--pins", paramLabel = "FILE", description = "the pin store to use (default: the app's)")
    private Path pinFile;

    @Option(names = "--accept-new-certificate",
            description = "pin an untrusted certificate when the server has no pin yet (never on a changed key)")
    private boolean acceptNew;

    @Option(names = "--allow-plaintext-password", description = "allow sending the password over a plaintext connection")
    private boolean allowPlaintextPassword;

    @Option(names = "--json", description = "print exactly one JSON object")
    private boolean json;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        Endpoint endpoint = endpoint();
        Credentials credentials = credentials();
        List<X509Certificate> cas = new ArrayList<>();
        for (Path file : caFiles) {
            try {
                cas.addAll(TrustAnchors.readPem(file));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PinStore pins = new PinStore(pinFile != null ? pinFile : ConfigFolder.forCurrentUser().pinFile());
        TrustEvaluator evaluator = new TrustEvaluator(TrustAnchors.system().plus(cas), pins, TlsPolicy.defaults());
        ServerCheck check = new ServerCheck(new SecureConnector(new TlsClient(evaluator, clock), SecureConnector.DEFAULT_DEADLINE));

        ServerCheck.Result result = check.run(endpoint, credentials, allowPlaintextPassword);
        String note = null;
        if (acceptNew && result.refusal() != null && result.refusal().pinnable()) {
            Refusal refusal = result.refusal();
            if (refusal.pinningNeedsSecondConfirmation()) {
                note = "Not pinned: an expired or weak certificate is never pinned automatically.";
            } else {
                try {
                    pins.add(endpoint, refusal.leaf().orElseThrow(), clock.instant());
                    note = "Pinned the certificate's key for " + endpoint.address() + " in " + pins.file() + ".";
                    result = check.run(endpoint, credentials, allowPlaintextPassword);
                } catch (PinStoreException e) {
                    note = e.getMessage();
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(result));
        } else {
            printHuman(out, result, note);
        }
        out.flush();
        return succeeded(result, credentials != null) ? 0 : 1;
    }

    private Endpoint endpoint() {
        try {
            return new Endpoint(protocol == Protocol.imap ? Service.IMAP : Service.SMTP, host, port, SecurityMode.fromId(security));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Credentials credentials() {
        if (user == null) {
            if (passwordVariable != null) {
                throw new ParameterException(spec.commandLine(), "--password-env needs --user");
            }
            return null;
        }
        if (passwordVariable == null) {
            throw new ParameterException(spec.commandLine(), "--user needs --password-env VAR (a password is never taken from the command line)");
        }
        String password = System.getenv(passwordVariable);
        if (password == null) {
            throw new ParameterException(spec.commandLine(), "the environment variable " + passwordVariable + " is not set");
        }
        return new Credentials(user, password);
    }

    static boolean succeeded(ServerCheck.Result result, boolean loginAsked) {
        boolean connected = result.outcome() == Outcome.SECURE || result.outcome() == Outcome.PINNED
                || result.outcome() == Outcome.PLAINTEXT;
        return connected && (!loginAsked || result.authenticated());
    }

    static String toJson(ServerCheck.Result result) {
        Endpoint endpoint = result.endpoint();
        ConnectionReport report = result.report();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", endpoint.service().id());
        json.put("host", endpoint.host());
        json.put("port", endpoint.port());
        json.put("security", endpoint.mode().id());
        json.put("outcome", result.outcome().id());
        json.put("lock", result.lock().id());
        json.put("message", result.message());
        json.put("authenticated", result.authenticated());
        json.put("messages", result.messages());
        Map<String, Object> tls = null;
        if (report != null && report.tls() != null) {
            tls = new LinkedHashMap<>();
            tls.put("protocol", report.tls().protocol());
            tls.put("cipherSuite", report.tls().cipherSuite());
            tls.put("keyExchange", report.tls().keyExchange());
        }
        json.put("tls", tls);
        Map<String, Object> certificate = null;
        if (report != null && !report.chain().isEmpty()) {
            CertificateFacts leaf = report.chain().get(0);
            certificate = new LinkedHashMap<>();
            certificate.put("subject", leaf.subject());
            certificate.put("issuer", leaf.issuer());
            certificate.put("notBefore", leaf.notBefore().toString());
            certificate.put("notAfter", leaf.notAfter().toString());
            certificate.put("sha256", leaf.sha256());
            certificate.put("spkiSha256", leaf.spkiSha256());
            certificate.put("subjectAltNames", leaf.subjectAltNames());
        }
        json.put("certificate", certificate);
        return Json.compact(json);
    }

    private static void printHuman(PrintWriter out, ServerCheck.Result result, String note) {
        Endpoint endpoint = result.endpoint();
        ConnectionReport report = result.report();
        out.printf("%s %s (%s): %s%n", endpoint.service().id().toUpperCase(Locale.ROOT), endpoint.address(),
                endpoint.mode().id(), result.outcome().id());
        out.println(result.message());
        if (report != null && report.tls() != null) {
            out.printf("  TLS:          %s · %s · key exchange %s%n", report.tls().protocol(), report.tls().cipherSuite(),
                    report.tls().keyExchange() != null ? report.tls().keyExchange() : "not seen");
        }
        if (report != null && !report.chain().isEmpty()) {
            CertificateFacts leaf = report.chain().get(0);
            out.printf("  Certificate:  %s%n", leaf.subject());
            out.printf("    issued by   %s%n", leaf.issuer());
            out.printf("    valid       %s to %s%n", leaf.notBefore(), leaf.notAfter());
            out.printf("    names       %s%n", String.join(", ", leaf.subjectAltNames()));
            out.printf("    key         %s %d bits, signed with %s%n", leaf.keyType(), leaf.keyBits(), leaf.signatureAlgorithm());
            out.printf("    SHA-256     %s%n", leaf.sha256());
            out.printf("    key SHA-256 %s%n", leaf.spkiSha256());
        }
        if (result.messages() != null) {
            out.printf("  INBOX:        %d messages%n", result.messages());
        }
        if (note != null) {
            out.println(note);
        } else if (result.refusal() != null && result.refusal().pinnable() && !result.refusal().pinningNeedsSecondConfirmation()) {
            out.println("If you have checked the key SHA-256 above with the server's administrator, "
                    + "run again with --accept-new-certificate to pin it.");
        }
    }
}
