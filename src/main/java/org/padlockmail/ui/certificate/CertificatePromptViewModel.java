package org.padlockmail.ui.certificate;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.padlockmail.security.CertificateFacts;
import org.padlockmail.security.CertificateProblem;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Refusal;
import org.padlockmail.ui.UiText;

/**
 * The two certificate prompts of SECURITY.md behind one model: the first-use prompt (why the certificate
 * is not trusted, the chain, "Trust" — after an explicit risk confirmation when it is expired or weak)
 * and the much louder pin-mismatch warning (old and new key side by side, "Replace" only after the user
 * confirms the new key). Cancel is always the default.
 */
public final class CertificatePromptViewModel {

    public enum Decision { CANCEL, TRUST, REPLACE }

    private final Endpoint endpoint;
    private final Refusal refusal;
    private final UiText text;
    private final BooleanProperty confirmed = new SimpleBooleanProperty(this, "confirmed", false);
    private final ObjectProperty<Decision> decision = new SimpleObjectProperty<>(this, "decision");
    private final BooleanBinding canAccept;

    public CertificatePromptViewModel(Endpoint endpoint, Refusal refusal, UiText text) {
        if (refusal.leaf().isEmpty()) {
            throw new IllegalArgumentException("a certificate prompt needs the offered certificate");
        }
        this.endpoint = endpoint;
        this.refusal = refusal;
        this.text = text;
        boolean confirmationNeeded = mismatch() || refusal.pinningNeedsSecondConfirmation();
        this.canAccept = Bindings.createBooleanBinding(() -> (mismatch() || refusal.pinnable())
                && (!confirmationNeeded || confirmed.get()), confirmed);
    }

    public boolean mismatch() {
        return refusal.existingPin() != null;
    }

    /** Whether the prompt shows a confirmation box that must be ticked before accepting. */
    public boolean needsConfirmation() {
        return mismatch() || refusal.pinningNeedsSecondConfirmation();
    }

    public String title() {
        return text.format(mismatch() ? "prompt.mismatch.title" : "prompt.firstUse.title", endpoint.host());
    }

    public String intro() {
        return mismatch()
                ? text.format("prompt.mismatch.intro", text.date(refusal.existingPin().firstSeen()))
                : text.format("prompt.firstUse.intro", endpoint.host());
    }

    public String problemsHeading() {
        return text.get("prompt.problems");
    }

    /** Each problem as "Headline: what exactly", the headline in the user's language. */
    public List<String> problems() {
        return refusal.problems().stream().map(p -> headline(p.kind()) + ": " + p.description()).toList();
    }

    public String confirmation() {
        return text.get(mismatch() ? "prompt.mismatch.confirm" : "prompt.risk");
    }

    public String acceptLabel() {
        return text.get(mismatch() ? "prompt.mismatch.replace" : "prompt.trust");
    }

    public String cancelLabel() {
        return text.get("prompt.cancel");
    }

    public List<CertificateFacts> offeredChain() {
        return CertificateFacts.ofChain(refusal.offeredChain());
    }

    public CertificateFacts pinned() {
        return CertificateFacts.of(refusal.existingPin().certificate());
    }

    public String pinnedHeading() {
        return text.format("prompt.mismatch.pinned", text.date(refusal.existingPin().firstSeen()));
    }

    public String offeredHeading() {
        return text.get("prompt.mismatch.offered");
    }

    public UiText text() {
        return text;
    }

    public BooleanProperty confirmedProperty() {
        return confirmed;
    }

    public BooleanBinding canAcceptBinding() {
        return canAccept;
    }

    /** The user's answer; null while the prompt is open. */
    public ObjectProperty<Decision> decisionProperty() {
        return decision;
    }

    public void cancel() {
        decision.set(Decision.CANCEL);
    }

    public void accept() {
        if (!canAccept.get()) {
            throw new IllegalStateException("accepting is not allowed yet");
        }
        decision.set(mismatch() ? Decision.REPLACE : Decision.TRUST);
    }

    private String headline(CertificateProblem.Kind kind) {
        return text.get(switch (kind) {
            case SELF_SIGNED -> "prompt.problem.selfSigned";
            case UNTRUSTED_ISSUER -> "prompt.problem.untrustedIssuer";
            case EXPIRED -> "prompt.problem.expired";
            case NOT_YET_VALID -> "prompt.problem.notYetValid";
            case HOSTNAME_MISMATCH -> "prompt.problem.hostnameMismatch";
            case WEAK_KEY -> "prompt.problem.weakKey";
            case WEAK_SIGNATURE -> "prompt.problem.weakSignature";
        });
    }
}
