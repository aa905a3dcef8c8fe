package org.padlockmail.testing;

import java.io.EOFException;
import java.util.Locale;

/**
 * The honest rest of a conversation, after whatever a hostile script did first: just enough IMAP or SMTP
 * for Angus to log in, open INBOX and leave. Options make the one thing a test is about go wrong.
 */
public final class MailDialogues {

    private MailDialogues() {
    }

    /** IMAP after the greeting (or after STARTTLS); {@code listCapabilities=false} answers CAPABILITY with a bare OK. */
    public static HostileServer.Step imap(boolean listCapabilities) {
        return c -> {
            try {
                while (true) {
                    String line = c.readLine();
                    String[] parts = line.split(" ", 3);
                    String tag = parts[0];
                    String command = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
                    switch (command) {
                        case "CAPABILITY" -> {
                            if (listCapabilities) {
                                c.write("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
                            }
                            c.write(tag + " OK CAPABILITY completed\r\n");
                        }
                        case "AUTHENTICATE" -> {
                            if (parts.length < 3 || !parts[2].contains(" ")) {
                                c.write("+ \r\n");
                                c.readLine();
                            }
                            c.write(tag + " OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Logged in\r\n");
                        }
                        case "LOGIN" -> c.write(tag + " OK Logged in\r\n");
                        case "EXAMINE", "SELECT" -> c.write("* FLAGS (\\Seen \\Flagged)\r\n* 3 EXISTS\r\n* 0 RECENT\r\n"
                                + "* OK [UIDVALIDITY 7] UIDs valid\r\n* OK [UIDNEXT 4] next\r\n" + tag + " OK [READ-ONLY] done\r\n");
                        case "LOGOUT" -> {
                            c.write("* BYE bye\r\n" + tag + " OK LOGOUT completed\r\n");
                            return;
                        }
                        case "CLOSE", "UNSELECT", "NOOP" -> c.write(tag + " OK done\r\n");
                        default -> c.write(tag + " BAD unknown command\r\n");
                    }
                }
            } catch (EOFException e) {
                // client left
            }
        };
    }

    /** SMTP after the greeting (or after STARTTLS). */
    public static HostileServer.Step smtp(boolean ehloWorks, boolean offerAuth) {
        return c -> {
            try {
                while (true) {
                    String line = c.readLine();
                    String command = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                    switch (command) {
                        case "EHLO" -> c.write(!ehloWorks ? "500 5.5.1 EHLO not understood\r\n"
                                : "250-hostile.test\r\n" + (offerAuth ? "250-AUTH PLAIN LOGIN\r\n" : "") + "250 8BITMIME\r\n");
                        case "HELO" -> c.write("250 hostile.test\r\n");
                        case "AUTH" -> {
                            String[] parts = line.split(" ");
                            if (parts.length >= 2 && parts[1].equalsIgnoreCase("LOGIN")) {
                                c.write("334 VXNlcm5hbWU6\r\n");
                                c.readLine();
                                c.write("334 UGFzc3dvcmQ6\r\n");
                                c.readLine();
                            } else if (parts.length == 2) {
                                c.write("334 \r\n");
                                c.readLine();
                            }
                            c.write("235 2.7.0 Authentication successful\r\n");
                        }
                        case "QUIT" -> {
                            c.write("221 2.0.0 Bye\r\n");
                            return;
                        }
                        case "NOOP", "RSET" -> c.write("250 OK\r\n");
                        default -> c.write("502 5.5.2 unknown command\r\n");
                    }
                }
            } catch (EOFException e) {
                // client left
            }
        };
    }
}
