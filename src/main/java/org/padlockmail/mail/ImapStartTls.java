package org.padlockmail.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;

/**
 * IMAP STARTTLS. The command is sent straight after the greeting without trusting the pre-TLS capability
 * list, so an attacker who only strips "STARTTLS" from it achieves nothing; every answer but a tagged OK
 * ends the connection.
 */
final class ImapStartTls implements StartTlsDialogue {

    private static final String TAG = "P1";

    private final Endpoint endpoint;

    ImapStartTls(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void negotiate(PlainTextLines lines) throws IOException, StartTlsRefusedException {
        String greeting = upper(lines.readLine());
        if (greeting.startsWith("* PREAUTH")) {
            throw StartTlsDialogue.refused(Outcome.PROTOCOL_VIOLATION, "The server " + endpoint.address() + " greeted with PREAUTH, which "
                    + "skips the point where encryption could start. An attacker can do this to keep the connection "
                    + "unencrypted; the connection was refused.");
        }
        if (greeting.startsWith("* BYE")) {
            throw StartTlsDialogue.refused(Outcome.CONNECT_FAILED, "The server " + endpoint.address() + " refused the connection before "
                    + "encryption started (its reason is not shown: it could not be verified).");
        }
        if (!greeting.startsWith("* OK")) {
            throw StartTlsDialogue.refused(Outcome.PROTOCOL_VIOLATION, "The server " + endpoint.address() + " did not send an IMAP greeting.");
        }
        lines.send(TAG + " STARTTLS");
        while (true) {
            String line;
            try {
                line = upper(lines.readLine());
            } catch (java.io.EOFException e) {
                throw StartTlsDialogue.refused(Outcome.STARTTLS_UNAVAILABLE, "The server " + endpoint.address()
                        + " closed the connection instead of starting encryption (STARTTLS).");
            }
            if (line.startsWith("* ")) {
                continue; // untagged pre-TLS data (an [ALERT], say) is unauthenticated: dropped unread
            }
            if (line.startsWith(TAG + " OK")) {
                break;
            }
            if (line.startsWith(TAG + " NO") || line.startsWith(TAG + " BAD")) {
                throw StartTlsDialogue.startTlsRefused(endpoint, "");
            }
            throw StartTlsDialogue.refused(Outcome.PROTOCOL_VIOLATION, "The server " + endpoint.address() + " answered STARTTLS with something "
                    + "that is not an IMAP answer to it" + (line.startsWith("+") ? " (a continuation request)" : "") + ".");
        }
    }

    @Override
    public byte[] greetingAfterTls() {
        return "* OK TLS established; the pre-TLS greeting was discarded\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static String upper(String line) {
        return line.toUpperCase(Locale.ROOT);
    }

}
