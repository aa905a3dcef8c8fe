package org.padlockmail.mail;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.Refusal;
import org.padlockmail.security.RefusalException;
import org.padlockmail.security.Service;
import org.padlockmail.security.TlsClient;

/**
 * Opens the connection to a server in its security mode and hands back a socket that is already
 * protected (or plaintext, when the user chose it), with its connection report. The protocol layer
 * (Angus) never sees a byte from before the TLS handshake.
 *
 * <p>The whole attempt, from connect to the end of the handshake, has one deadline: a watchdog closes
 * the socket when it passes, so a server that stalls or trickles bytes cannot hold the client.
 */
public final class SecureConnector {

    /** EHLO name: a literal that says nothing about this machine. */
    static final String CLIENT_NAME = "[127.0.0.1]";

    /** Connect, STARTTLS and handshake together end within this, so a stalled server is refused in under 15 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(12);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "padlock-connect-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final TlsClient tls;
    private final Duration deadline;

    public SecureConnector(TlsClient tls, Duration deadline) {
        this.tls = tls;
        this.deadline = deadline;
    }

    public TlsClient tls() {
        return tls;
    }

    public Duration deadline() {
        return deadline;
    }

    /**
     * An open connection: the socket to use, bytes the protocol layer must read before the socket's own
     * input (the neutral greeting after STARTTLS), and the report.
     */
    public record Opened(Socket socket, byte[] replayFirst, ConnectionReport report) {
    }

    public Opened open(Endpoint endpoint) throws RefusalException {
        Socket raw = new Socket();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            closeQuietly(raw);
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            try {
                raw.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) deadline.toMillis());
                raw.setSoTimeout((int) deadline.toMillis());
            } catch (UnknownHostException e) {
                throw refusal(endpoint, Outcome.CONNECT_FAILED, "The host name " + endpoint.host() + " could not be resolved.");
            } catch (IOException e) {
                throw refusal(endpoint, Outcome.CONNECT_FAILED, "Could not connect to " + endpoint.address() + ": "
                        + (timedOut.get() ? "no answer within " + deadline.toSeconds() + " seconds" : e.getMessage()) + ".");
            }
            return switch (endpoint.mode()) {
                case TLS -> {
                    TlsClient.Established established = tls.handshake(raw, endpoint, timedOut::get);
                    yield new Opened(established.socket(), new byte[0], established.report());
                }
                case STARTTLS -> startTls(raw, endpoint, timedOut);
                case PLAIN -> new Opened(raw, new byte[0], new ConnectionReport(endpoint, tls.clock().instant(),
                        Outcome.PLAINTEXT, "Not encrypted: you chose a plaintext connection for " + endpoint.address()
                        + ". Anyone on the network can read and change it.", null, List.of(), null, tls.policy().describe()));
            };
        } catch (RefusalException e) {
            closeQuietly(raw);
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private Opened startTls(Socket raw, Endpoint endpoint, AtomicBoolean timedOut) throws RefusalException {
        StartTlsDialogue dialogue = endpoint.service() == Service.IMAP
                ? new ImapStartTls(endpoint)
                : new SmtpStartTls(endpoint, CLIENT_NAME);
        boolean injected;
        try {
            PlainTextLines lines = new PlainTextLines(raw.getInputStream(), raw.getOutputStream());
            dialogue.negotiate(lines);
            // The server says nothing more until our ClientHello: anything already here was injected before TLS.
            injected = lines.hasUnreadBytes();
        } catch (StartTlsDialogue.StartTlsRefusedException e) {
            throw new RefusalException(e.refusal(), tls.refused(endpoint, e.refusal(), null));
        } catch (IOException e) {
            String why;
            Outcome outcome = Outcome.PROTOCOL_VIOLATION;
            if (timedOut.get() || e instanceof SocketTimeoutException) {
                why = "did not answer within " + deadline.toSeconds() + " seconds before encryption started";
                outcome = Outcome.STARTTLS_UNAVAILABLE;
            } else if (e instanceof EOFException) {
                why = "closed the connection before encryption started";
                outcome = Outcome.CONNECT_FAILED;
            } else {
                why = "broke the conversation before encryption started (" + e.getMessage() + ")";
            }
            throw refusal(endpoint, outcome, "The server " + endpoint.address() + " " + why + ".");
        }
        if (injected) {
            throw refusal(endpoint, Outcome.PROTOCOL_VIOLATION, "The server " + endpoint.address() + " sent more data "
                    + "after agreeing to start encryption and before encryption began. This is how a response-injection "
                    + "attack looks; the connection was refused.");
        }
        TlsClient.Established established = tls.handshake(raw, endpoint, timedOut::get);
        return new Opened(established.socket(), dialogue.greetingAfterTls(), established.report());
    }

    private RefusalException refusal(Endpoint endpoint, Outcome outcome, String message) {
        Refusal refusal = Refusal.of(outcome, message);
        return new RefusalException(refusal, tls.refused(endpoint, refusal, null));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the attempt failed already; the refusal says why
        }
    }
}
