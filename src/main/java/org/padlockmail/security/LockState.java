package org.padlockmail.security;

import java.util.Locale;

/** What a lock indicator shows (SECURITY.md, "Lock states"). */
public enum LockState {
    /** TLS within policy, chain trusted by a CA, name matches. */
    SECURE,
    /** TLS within policy, trusted because the user pinned this key. */
    PINNED,
    /** Plaintext, chosen by the user. */
    INSECURE,
    /** Refused by policy, or an attack was detected. */
    BLOCKED,
    CONNECTING,
    /** No live connection (including a server that could not be reached). */
    OFFLINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
