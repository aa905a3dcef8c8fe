package org.padlockmail.security;

import java.io.IOException;

/** A connection was refused for a reason the user can read; carries the report of the attempt. */
public class RefusalException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;
    private final transient ConnectionReport report;

    public RefusalException(Refusal refusal, ConnectionReport report) {
        super(refusal.message());
        this.refusal = refusal;
        this.report = report;
    }

    public Refusal refusal() {
        return refusal;
    }

    public ConnectionReport report() {
        return report;
    }
}
