package org.padlockmail.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE side of {@link TrustEvaluator} for one connection: it asks the evaluator during the handshake,
 * keeps the verdict and the offered chain for the connection report, and aborts the handshake on a
 * refusal, so nothing (least of all a credential) is sent to an untrusted server.
 */
final class VerdictTrustManager extends X509ExtendedTrustManager {

    private final TrustEvaluator evaluator;
    private final Endpoint endpoint;
    private final Clock clock;
    private volatile List<X509Certificate> offeredChain = List.of();
    private volatile TrustEvaluator.Verdict verdict;

    VerdictTrustManager(TrustEvaluator evaluator, Endpoint endpoint, Clock clock) {
        this.evaluator = evaluator;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    List<X509Certificate> offeredChain() {
        return offeredChain;
    }

    /** Null until the server's certificate was seen. */
    TrustEvaluator.Verdict verdict() {
        return verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        offeredChain = chain == null ? List.of() : List.of(chain);
        TrustEvaluator.Verdict decided = evaluator.evaluate(endpoint, offeredChain, clock.instant());
        verdict = decided;
        if (!decided.trusted()) {
            throw new CertificateException(decided.refusal().message());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("Padlock Mail is a client; it does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("Padlock Mail is a client; it does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Padlock Mail is a client; it does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
