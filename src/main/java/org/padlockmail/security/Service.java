package org.padlockmail.security;

import java.util.Locale;

/** The mail protocol a connection speaks; each has its own connection and its own lock. */
public enum Service {
    IMAP,
    SMTP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
