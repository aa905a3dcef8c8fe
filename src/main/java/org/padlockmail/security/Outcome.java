package org.padlockmail.security;

import java.util.Locale;

/**
 * The result of one connection attempt, as reported by the probe and kept in the connection report.
 * The identifiers are a public contract for scripts.
 */
public enum Outcome {
    SECURE(LockState.SECURE),
    PINNED(LockState.PINNED),
    PLAINTEXT(LockState.INSECURE),
    CERTIFICATE_UNTRUSTED(LockState.BLOCKED),
    CERTIFICATE_EXPIRED(LockState.BLOCKED),
    CERTIFICATE_NOT_YET_VALID(LockState.BLOCKED),
    HOSTNAME_MISMATCH(LockState.BLOCKED),
    PIN_MISMATCH(LockState.BLOCKED),
    WEAK_TLS(LockState.BLOCKED),
    STARTTLS_UNAVAILABLE(LockState.BLOCKED),
    PROTOCOL_VIOLATION(LockState.BLOCKED),
    TLS_ERROR(LockState.BLOCKED),
    /** The connection itself was fine; the lock shows how it was protected, not this outcome. */
    AUTH_FAILED(LockState.OFFLINE),
    CONNECT_FAILED(LockState.OFFLINE);

    private final LockState lock;

    Outcome(LockState lock) {
        this.lock = lock;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public LockState lock() {
        return lock;
    }

    public boolean established() {
        return this == SECURE || this == PINNED || this == PLAINTEXT;
    }
}
