package org.padlockmail.security;

/** One reason why a certificate is not trusted on its own, in words a user can read. */
public record CertificateProblem(Kind kind, String description) {

    public enum Kind {
        SELF_SIGNED(Outcome.CERTIFICATE_UNTRUSTED, false),
        UNTRUSTED_ISSUER(Outcome.CERTIFICATE_UNTRUSTED, false),
        EXPIRED(Outcome.CERTIFICATE_EXPIRED, true),
        NOT_YET_VALID(Outcome.CERTIFICATE_NOT_YET_VALID, true),
        HOSTNAME_MISMATCH(Outcome.HOSTNAME_MISMATCH, false),
        WEAK_KEY(Outcome.WEAK_TLS, true),
        WEAK_SIGNATURE(Outcome.WEAK_TLS, true);

        private final Outcome outcome;
        private final boolean needsSecondConfirmation;

        Kind(Outcome outcome, boolean needsSecondConfirmation) {
            this.outcome = outcome;
            this.needsSecondConfirmation = needsSecondConfirmation;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** Expired and weak certificates are never pinned by a single click (SECURITY.md, rule 4). */
        public boolean needsSecondConfirmation() {
            return needsSecondConfirmation;
        }
    }
}
