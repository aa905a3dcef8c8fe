package org.padlockmail.security;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A key the user chose to trust for one server: host + port + SPKI SHA-256. The certificate is kept
 * for display only; the key is what is compared, so a renewed certificate with the same key still matches.
 */
public record Pin(String host, int port, String spkiSha256, X509Certificate certificate, Instant firstSeen) {

    public Pin {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(firstSeen, "firstSeen");
    }

    public static Pin of(Endpoint endpoint, X509Certificate certificate, Instant firstSeen) {
        return new Pin(endpoint.host(), endpoint.port(), CertificateFacts.spkiSha256(certificate), certificate, firstSeen);
    }

    public boolean matches(X509Certificate offered) {
        return spkiSha256.equals(CertificateFacts.spkiSha256(offered));
    }
}
