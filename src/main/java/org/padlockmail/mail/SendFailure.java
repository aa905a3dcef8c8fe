package org.padlockmail.mail;

/** Why a message was not handed to the server, and what the outbox should do about it. */
public final class SendFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** A dropped connection or a 4xx: keep it and try again later. */
        RETRY,
        /** A 5xx: the server will not take it; keep it as failed, with the server's reason. */
        PERMANENT,
        /** A certificate problem, a refused login, a withheld password: nothing is sent until the user acts. */
        NEEDS_USER
    }

    private final Kind kind;

    public SendFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
