package org.padlockmail.security;

import java.time.Instant;

/** How trust in a server's certificate was established. */
public record TrustBasis(Kind kind, String authority, Instant pinnedSince) {

    public enum Kind {
        /** The chain validated against a CA of the system's trust store or one the user imported. */
        CERTIFICATE_AUTHORITY,
        /** The user pinned this key (trust on first use). */
        PIN
    }

    public static TrustBasis authority(String caName) {
        return new TrustBasis(Kind.CERTIFICATE_AUTHORITY, caName, null);
    }

    public static TrustBasis pin(Instant since) {
        return new TrustBasis(Kind.PIN, null, since);
    }

    public String describe() {
        return kind == Kind.PIN ? "pinned by you on " + pinnedSince : "verified by " + authority;
    }
}
