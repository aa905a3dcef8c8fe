package org.padlockmail.security;

import java.util.Locale;

/** How a connection is protected (SECURITY.md, "Connection modes"). */
public enum SecurityMode {
    /** TLS from the first byte (RFC 8314): the preferred mode. */
    TLS,
    /** Plaintext greeting, then STARTTLS: always required, never opportunistic. */
    STARTTLS,
    /** No encryption at all: only when the user picked it explicitly. */
    PLAIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SecurityMode fromId(String id) {
        for (SecurityMode mode : values()) {
            if (mode.id().equalsIgnoreCase(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown security mode: " + id + " (expected tls, starttls or plain)");
    }
}
