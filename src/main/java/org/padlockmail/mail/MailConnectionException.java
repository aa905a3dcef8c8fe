package org.padlockmail.mail;

/** Connecting or logging in failed; the problem says why in words for the user. */
public final class MailConnectionException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient ConnectionProblem problem;

    public MailConnectionException(ConnectionProblem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    public ConnectionProblem problem() {
        return problem;
    }
}
