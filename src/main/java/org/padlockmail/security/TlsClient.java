package org.padlockmail.security;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Puts TLS on a connected socket the way SECURITY.md demands: the policy's versions and suites, the
 * trust decision of {@link TrustEvaluator}, a check of the session after the handshake, and a
 * {@link ConnectionReport} either way. Used for implicit TLS and after STARTTLS alike.
 */
public final class TlsClient {

    private static final int ALERT_HANDSHAKE_FAILURE = 40;
    private static final int ALERT_PROTOCOL_VERSION = 70;
    private static final int ALERT_INSUFFICIENT_SECURITY = 71;

    private final TrustEvaluator evaluator;
    private final Clock clock;

    public TlsClient(TrustEvaluator evaluator, Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    public TlsPolicy policy() {
        return evaluator.policy();
    }

    public Clock clock() {
        return clock;
    }

    /** An established TLS connection and its report. */
    public record Established(SSLSocket socket, ConnectionReport report) {
    }

    /**
     * Performs the handshake over {@code connected} (which it closes on failure).
     *
     * @param timedOut tells whether a watchdog closed the socket because the whole attempt took too long
     */
    public Established handshake(Socket connected, Endpoint endpoint, BooleanSupplier timedOut) throws RefusalException {
        HandshakeObserver observer = new HandshakeObserver();
        VerdictTrustManager trustManager = new VerdictTrustManager(evaluator, endpoint, clock);
        SSLSocket ssl = null;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            Socket observed = new ObservedSocket(connected, observer);
            // The host name as typed goes into SNI (JSSE leaves it out for IP literals, as RFC 6066 says).
            ssl = (SSLSocket) context.getSocketFactory().createSocket(observed, endpoint.host(), endpoint.port(), true);
            evaluator.policy().applyTo(ssl);
            ssl.startHandshake();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every Java runtime", e);
        } catch (IOException e) {
            closeQuietly(ssl != null ? ssl : connected);
            Refusal refusal = trustManager.verdict() != null && !trustManager.verdict().trusted()
                    ? trustManager.verdict().refusal()
                    : classify(e, endpoint, observer, trustManager.offeredChain(), timedOut.getAsBoolean());
            throw new RefusalException(refusal, refused(endpoint, refusal, null));
        }

        SSLSession session = ssl.getSession();
        TlsDetails details = new TlsDetails(session.getProtocol(), session.getCipherSuite(), observer.keyExchange().orElse(null));
        var violation = evaluator.policy().violation(session);
        if (violation.isPresent() || trustManager.verdict() == null) {
            closeQuietly(ssl);
            Refusal refusal = Refusal.of(violation.isPresent() ? Outcome.WEAK_TLS : Outcome.TLS_ERROR,
                    violation.map(v -> "Refused " + endpoint.address() + ": " + v + ".")
                            .orElse("The TLS handshake with " + endpoint.address() + " ended without a certificate check."));
            throw new RefusalException(refusal, new ConnectionReport(endpoint, clock.instant(), refusal.outcome(),
                    refusal.message(), details, CertificateFacts.ofChain(trustManager.offeredChain()), null, policy().describe()));
        }
        TrustBasis trust = trustManager.verdict().trust();
        Outcome outcome = trust.kind() == TrustBasis.Kind.PIN ? Outcome.PINNED : Outcome.SECURE;
        ConnectionReport report = new ConnectionReport(endpoint, clock.instant(), outcome,
                "Encrypted with " + details.protocol().replace("TLSv", "TLS ") + ", " + trust.describe() + ".",
                details, CertificateFacts.ofChain(trustManager.offeredChain()), trust, policy().describe());
        return new Established(ssl, report);
    }

    /** The report of an attempt refused before or during TLS. */
    public ConnectionReport refused(Endpoint endpoint, Refusal refusal, TlsDetails details) {
        return new ConnectionReport(endpoint, clock.instant(), refusal.outcome(), refusal.message(), details,
                CertificateFacts.ofChain(refusal.offeredChain()), null, policy().describe());
    }

    private Refusal classify(IOException e, Endpoint endpoint, HandshakeObserver observer,
                             List<java.security.cert.X509Certificate> chain, boolean timedOut) {
        String where = endpoint.address();
        if (observer.sawNonTls()) {
            return Refusal.of(Outcome.PROTOCOL_VIOLATION, endpoint.mode() == SecurityMode.STARTTLS
                    ? "The server " + where + " sent unencrypted data where the TLS handshake should begin. "
                            + "This is how a response-injection attack looks; the connection was refused."
                    : "The server " + where + " answered in plain text on a port where TLS was expected. "
                            + "Check the port and security setting; nothing was sent.");
        }
        if (observer.serverVersion() != 0 && observer.serverVersion() < 0x0303) {
            return Refusal.of(Outcome.WEAK_TLS, "The server " + where + " offered only "
                    + versionName(observer.serverVersion()) + ", which is broken and no longer allowed (RFC 8996).");
        }
        Integer alert = observer.alert().orElse(null);
        if (alert != null && alert == ALERT_PROTOCOL_VERSION) {
            return Refusal.of(Outcome.WEAK_TLS, "The server " + where
                    + " does not support TLS 1.2 or 1.3; older versions are broken and not allowed (RFC 8996).");
        }
        if (alert != null && (alert == ALERT_HANDSHAKE_FAILURE || alert == ALERT_INSUFFICIENT_SECURITY)) {
            return Refusal.of(Outcome.WEAK_TLS, "The server " + where + " accepts none of the cipher suites Padlock Mail "
                    + "allows (authenticated encryption with forward secrecy), or none of its signature algorithms.");
        }
        if (timedOut || e instanceof SocketTimeoutException) {
            return Refusal.of(Outcome.TLS_ERROR, "The server " + where + " stopped responding during the TLS handshake.");
        }
        if (e instanceof EOFException || e instanceof SocketException || e.getCause() instanceof EOFException) {
            return Refusal.of(Outcome.TLS_ERROR, "The server " + where + " closed the connection during the TLS handshake.");
        }
        return Refusal.of(Outcome.TLS_ERROR, "The TLS handshake with " + where + " failed: " + e.getMessage());
    }

    private static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            default -> String.format("protocol version 0x%04x", version);
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a failed connection: nothing left to report
        }
    }

    /** The connected socket as JSSE sees it, with the observer reading along its input. */
    private static final class ObservedSocket extends DelegatingSocket {
        private final Socket socket;
        private final InputStream input;

        ObservedSocket(Socket socket, HandshakeObserver observer) throws IOException {
            this.socket = socket;
            this.input = observer.observe(socket.getInputStream());
        }

        @Override
        protected Socket delegate() {
            return socket;
        }

        @Override
        public InputStream getInputStream() {
            return input;
        }
    }
}
