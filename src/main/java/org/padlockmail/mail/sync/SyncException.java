package org.padlockmail.mail.sync;

import jakarta.mail.MessagingException;

/**
 * A folder sync that did not finish. Nothing is saved as complete when this is thrown: the folder's state
 * stays where the last finished sync left it, and the next sync starts from there.
 */
public final class SyncException extends MessagingException {

    private static final long serialVersionUID = 1L;

    /** Why the sync stopped. */
    public enum Kind {
        /** The server answered NO or BAD (e.g. the folder does not exist); the connection is still usable. */
        REFUSED,
        /** The server broke the protocol (a missing or invalid UIDVALIDITY, an unreadable or endless answer); the connection was closed. */
        PROTOCOL_VIOLATION,
        /** The connection broke or the server said BYE; open a new one to sync again. */
        CONNECTION_LOST
    }

    private final Kind kind;

    public SyncException(Kind kind, String message, Exception cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
