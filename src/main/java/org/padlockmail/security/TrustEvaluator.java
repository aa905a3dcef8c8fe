package org.padlockmail.security;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a server's certificate chain is trusted (SECURITY.md, "Trust and pinning"): a pin for
 * the server decides first (a different key is refused even if a CA vouches for it); otherwise the chain
 * must lead to a trusted CA, be valid now, name the host the user typed and meet the policy. Every
 * problem is named, so the user sees why and may pin the certificate.
 */
public final class TrustEvaluator {

    /** Decides which problem names the outcome when there are several: the most alarming first. */
    private static final List<CertificateProblem.Kind> PRIORITY = List.of(
            CertificateProblem.Kind.WEAK_KEY, CertificateProblem.Kind.WEAK_SIGNATURE,
            CertificateProblem.Kind.EXPIRED, CertificateProblem.Kind.NOT_YET_VALID,
            CertificateProblem.Kind.SELF_SIGNED, CertificateProblem.Kind.UNTRUSTED_ISSUER,
            CertificateProblem.Kind.HOSTNAME_MISMATCH);

    private final TrustAnchors anchors;
    private final PinStore pins;
    private final TlsPolicy policy;

    public TrustEvaluator(TrustAnchors anchors, PinStore pins, TlsPolicy policy) {
        this.anchors = anchors;
        this.pins = pins;
        this.policy = policy;
    }

    public TlsPolicy policy() {
        return policy;
    }

    /** Either a trust basis or a refusal, never both. */
    public record Verdict(TrustBasis trust, Refusal refusal) {
        public boolean trusted() {
            return trust != null;
        }
    }

    public Verdict evaluate(Endpoint endpoint, List<X509Certificate> chain, Instant now) {
        if (chain.isEmpty()) {
            return refuse(Outcome.TLS_ERROR, "The server " + endpoint.address() + " presented no certificate.", List.of(), chain, null);
        }
        X509Certificate leaf = chain.get(0);
        Optional<Pin> pin;
        try {
            pin = pins.find(endpoint.host(), endpoint.port());
        } catch (PinStoreException e) {
            return refuse(Outcome.TLS_ERROR, e.getMessage(), List.of(), chain, null);
        }
        if (pin.isPresent() && !pin.get().matches(leaf)) {
            return refuse(Outcome.PIN_MISMATCH, "The certificate for " + endpoint.host() + " changed since you pinned it on "
                    + TrustBasis.formatTime(pin.get().firstSeen()) + ". Someone may be intercepting the connection. Nothing was sent.",
                    List.of(), chain, pin.get());
        }

        List<CertificateProblem> problems = new ArrayList<>(policy.chainProblems(chain));
        problems.addAll(validityProblems(chain, now));
        Optional<X509Certificate> anchor = anchors.anchorFor(chain, instantWithinValidity(chain, now));
        if (anchor.isEmpty()) {
            problems.add(issuerProblem(leaf));
        }
        CertificateNames names = CertificateNames.of(leaf);
        if (!names.matches(endpoint.host())) {
            problems.add(new CertificateProblem(CertificateProblem.Kind.HOSTNAME_MISMATCH,
                    "It was issued for " + (names.all().isEmpty() ? "no host name at all" : String.join(", ", names.all()))
                            + ", not for " + endpoint.host() + "."));
        }

        if (pin.isPresent()) {
            // The user trusts this key itself; what a CA would say about it no longer matters.
            return new Verdict(anchor.isPresent() && problems.isEmpty()
                    ? TrustBasis.authority(CertificateFacts.commonName(anchor.get()))
                    : TrustBasis.pin(pin.get().firstSeen()), null);
        }
        if (problems.isEmpty()) {
            return new Verdict(TrustBasis.authority(CertificateFacts.commonName(anchor.orElseThrow())), null);
        }
        problems.sort(Comparator.comparingInt(p -> PRIORITY.indexOf(p.kind())));
        Outcome outcome = problems.get(0).kind().outcome();
        StringBuilder message = new StringBuilder("The certificate of ").append(endpoint.host()).append(" is not trusted.");
        problems.forEach(p -> message.append(' ').append(p.description()));
        return refuse(outcome, message.toString(), problems, chain, null);
    }

    private static Verdict refuse(Outcome outcome, String message, List<CertificateProblem> problems,
                                  List<X509Certificate> chain, Pin pin) {
        return new Verdict(null, new Refusal(outcome, message, problems, chain, pin));
    }

    private static List<CertificateProblem> validityProblems(List<X509Certificate> chain, Instant now) {
        List<CertificateProblem> problems = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            String who = i == 0 ? "It" : "The certificate of " + CertificateFacts.commonName(certificate) + " that issued it";
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                problems.add(new CertificateProblem(CertificateProblem.Kind.EXPIRED,
                        who + " expired on " + TrustBasis.formatTime(certificate.getNotAfter().toInstant()) + "."));
            } else if (now.isBefore(certificate.getNotBefore().toInstant())) {
                problems.add(new CertificateProblem(CertificateProblem.Kind.NOT_YET_VALID,
                        who + " is not valid before " + TrustBasis.formatTime(certificate.getNotBefore().toInstant()) + "."));
            }
        }
        return problems;
    }

    /**
     * Validity is reported on its own, so the CA check runs at a moment when every certificate of the
     * chain was valid; otherwise an expired certificate from a trusted CA would also read "unknown issuer".
     */
    private static Instant instantWithinValidity(List<X509Certificate> chain, Instant now) {
        Instant latestStart = chain.stream().map(c -> c.getNotBefore().toInstant()).max(Comparator.naturalOrder()).orElse(now);
        Instant earliestEnd = chain.stream().map(c -> c.getNotAfter().toInstant()).min(Comparator.naturalOrder()).orElse(now);
        if (!now.isBefore(latestStart) && !now.isAfter(earliestEnd)) {
            return now;
        }
        return latestStart.isAfter(earliestEnd) ? now : latestStart;
    }

    private static CertificateProblem issuerProblem(X509Certificate leaf) {
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) && verifiesItself(leaf)) {
            return new CertificateProblem(CertificateProblem.Kind.SELF_SIGNED,
                    "It is self-signed: no certificate authority vouches for it.");
        }
        return new CertificateProblem(CertificateProblem.Kind.UNTRUSTED_ISSUER,
                "It was issued by " + CertificateFacts.commonName(leaf.getIssuerX500Principal())
                        + ", which is not a certificate authority you trust.");
    }

    private static boolean verifiesItself(X509Certificate certificate) {
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
