package org.padlockmail.mail.sync;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.TlsClient;
import org.padlockmail.security.TlsPolicy;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;
import org.padlockmail.testing.HostileServer;

/**
 * An IMAP server's side of a sync, scripted per test for {@link HostileServer}: it greets with the given
 * capabilities, lets any login in, and answers each command by the first rule whose pattern matches it
 * (the command without its tag). Every command it received is kept, in order.
 */
final class ScriptedImap implements HostileServer.Step {

    /** Answers one command; {@code tag} is the client's tag. */
    @FunctionalInterface
    interface Answer {
        void answer(HostileServer.Conversation c, String tag) throws IOException;
    }

    private record Rule(Pattern pattern, Answer answer) {
    }

    private final String capabilities;
    private final List<Rule> rules = new ArrayList<>();
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());

    ScriptedImap(String capabilities) {
        this.capabilities = capabilities;
    }

    /** Answers commands matching {@code regex} with these untagged lines, then a tagged OK. */
    ScriptedImap reply(String regex, String... untagged) {
        return on(regex, (c, tag) -> {
            for (String line : untagged) {
                c.write(line + "\r\n");
            }
            c.write(tag + " OK done\r\n");
        });
    }

    ScriptedImap on(String regex, Answer answer) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), answer));
        return this;
    }

    ScriptedImap enableQresync() {
        return reply("ENABLE QRESYNC", "* ENABLED QRESYNC");
    }

    @Override
    public void run(HostileServer.Conversation c) throws IOException {
        c.write("* OK [CAPABILITY " + capabilities + "] scripted server ready\r\n");
        try {
            while (true) {
                String line = c.readLine();
                int space = line.indexOf(' ');
                String tag = line.substring(0, space);
                String command = line.substring(space + 1);
                String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "CAPABILITY" -> c.write("* CAPABILITY " + capabilities + "\r\n" + tag + " OK done\r\n");
                    case "AUTHENTICATE" -> {
                        if (!command.trim().contains(" ") || command.trim().split(" ").length < 3) {
                            c.write("+ \r\n");
                            c.readLine();
                        }
                        c.write(tag + " OK [CAPABILITY " + capabilities + "] logged in\r\n");
                    }
                    case "LOGIN" -> c.write(tag + " OK [CAPABILITY " + capabilities + "] logged in\r\n");
                    case "LOGOUT" -> {
                        c.write("* BYE bye\r\n" + tag + " OK done\r\n");
                        return;
                    }
                    case "NOOP" -> c.write(tag + " OK done\r\n");
                    default -> {
                        commands.add(command);
                        Rule rule = rules.stream().filter(r -> r.pattern().matcher(command).matches()).findFirst().orElse(null);
                        if (rule == null) {
                            c.write(tag + " BAD not in the script\r\n");
                        } else {
                            rule.answer().answer(c, tag);
                        }
                    }
                }
            }
        } catch (EOFException e) {
            // the client left
        }
    }

    /** An account for a scripted server on loopback, plaintext (the scripts speak no TLS), password allowed. */
    static Account account(int port) {
        ServerSettings imap = new ServerSettings("127.0.0.1", port, SecurityMode.PLAIN, true);
        return Account.create("Scripted", "user@scripted.test", "user@scripted.test", imap,
                new ServerSettings("127.0.0.1", 1, SecurityMode.PLAIN, false));
    }

    static SecureConnector connector(Path folder) {
        return new SecureConnector(new TlsClient(new TrustEvaluator(TrustAnchors.of(List.of()),
                new PinStore(folder.resolve("pins.json")), TlsPolicy.defaults()), Clock.systemUTC()), Duration.ofSeconds(5));
    }

    /** A FETCH answer with everything a header row needs. */
    static String fetch(long msgno, long uid, String subject, long modSeq) {
        return "* " + msgno + " FETCH (UID " + uid + " FLAGS (\\Seen) INTERNALDATE \"01-Jan-2024 10:00:00 +0000\" "
                + "RFC822.SIZE 1234 ENVELOPE (\"Mon, 1 Jan 2024 10:00:00 +0000\" \"" + subject + "\" "
                + "((\"Ann\" NIL \"ann\" \"scripted.test\")) NIL NIL ((NIL NIL \"bob\" \"scripted.test\")) NIL NIL NIL "
                + "\"<" + uid + "@scripted.test>\")" + (modSeq > 0 ? " MODSEQ (" + modSeq + ")" : "") + ")";
    }
}
