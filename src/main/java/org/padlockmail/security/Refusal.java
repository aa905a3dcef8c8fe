package org.padlockmail.security;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Why a connection was refused: the outcome, a specific message for the user, and what the server
 * offered, so that the user can be shown the certificate and offered to pin it.
 *
 * @param problems     every certificate problem found, not only the one that decided the outcome
 * @param offeredChain the chain the server presented; empty when the refusal came before TLS
 * @param existingPin  the pin that a different key violated (pin mismatch only)
 */
public record Refusal(Outcome outcome, String message, List<CertificateProblem> problems,
                      List<X509Certificate> offeredChain, Pin existingPin) {

    public Refusal {
        problems = List.copyOf(problems);
        offeredChain = List.copyOf(offeredChain);
    }

    public static Refusal of(Outcome outcome, String message) {
        return new Refusal(outcome, message, List.of(), List.of(), null);
    }

    /** True when the user may pin the offered certificate (never on a pin mismatch, never without one). */
    public boolean pinnable() {
        return existingPin == null && !offeredChain.isEmpty() && !problems.isEmpty();
    }

    /** Pinning this certificate needs the user's second, explicit confirmation (expired or weak). */
    public boolean pinningNeedsSecondConfirmation() {
        return problems.stream().anyMatch(p -> p.kind().needsSecondConfirmation());
    }

    public Optional<X509Certificate> leaf() {
        return offeredChain.isEmpty() ? Optional.empty() : Optional.of(offeredChain.get(0));
    }
}
