package org.padlockmail.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How trust in a server's certificate was established. */
public record TrustBasis(Kind kind, String authority, Instant pinnedSince) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
        return kind == Kind.PIN ? "pinned by you on " + formatTime(pinnedSince) : "verified by " + authority;
    }

    /** Times in user-facing security messages: to the minute, in UTC, unambiguous in every locale. */
    static String formatTime(Instant time) {
        return DAY.format(time);
    }
}
