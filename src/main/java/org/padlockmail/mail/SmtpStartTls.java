package org.padlockmail.mail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;

/**
 * SMTP STARTTLS (RFC 3207): greeting, EHLO, STARTTLS. The pre-TLS EHLO answer is read only to stay in
 * step with the server; the STARTTLS command is sent whatever it listed, and the protocol layer sends a
 * fresh EHLO over TLS.
 */
final class SmtpStartTls implements StartTlsDialogue {

    private final Endpoint endpoint;
    private final String clientName;

    SmtpStartTls(Endpoint endpoint, String clientName) {
        this.endpoint = endpoint;
        this.clientName = clientName;
    }

    @Override
    public void negotiate(PlainTextLines lines) throws IOException, StartTlsRefusedException {
        int greeting = readReply(lines);
        if (greeting != 220) {
            throw StartTlsDialogue.refused(Outcome.CONNECT_FAILED, "The server " + endpoint.address() + " refused the connection before "
                    + "encryption started (reply " + greeting + "; its text is not shown: it could not be verified).");
        }
        lines.send("EHLO " + clientName);
        int ehlo = readReply(lines);
        if (ehlo != 250) {
            throw StartTlsDialogue.refused(Outcome.STARTTLS_UNAVAILABLE, "The server " + endpoint.address() + " rejected EHLO before "
                    + "encryption, so STARTTLS cannot start; Padlock Mail does not continue unencrypted.");
        }
        lines.send("STARTTLS");
        int answer;
        try {
            answer = readReply(lines);
        } catch (EOFException e) {
            throw StartTlsDialogue.refused(Outcome.STARTTLS_UNAVAILABLE, "The server " + endpoint.address()
                    + " closed the connection instead of starting encryption (STARTTLS).");
        }
        if (answer != 220) {
            throw StartTlsDialogue.startTlsRefused(endpoint, ", reply " + answer);
        }
    }

    @Override
    public byte[] greetingAfterTls() {
        return ("220 " + endpoint.host() + " TLS established; the pre-TLS greeting was discarded\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a possibly multi-line reply ("250-..." lines, then "250 ...") and returns its code. */
    private int readReply(PlainTextLines lines) throws IOException, StartTlsRefusedException {
        while (true) {
            String line = lines.readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw StartTlsDialogue.refused(Outcome.PROTOCOL_VIOLATION, "The server " + endpoint.address() + " sent something that is "
                        + "not an SMTP reply before encryption started.");
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return Integer.parseInt(line.substring(0, 3));
            }
        }
    }

}
