package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;

/** Classification of every certificate problem, without a network: the evaluator on its own. */
class TrustEvaluatorTest {

    private static TestCertificates.Authority ca;

    @TempDir
    Path folder;

    @BeforeAll
    static void authority() {
        ca = TestCertificates.authority("Padlock Test CA");
    }

    private TrustEvaluator evaluator() {
        return new TrustEvaluator(TrustAnchors.of(List.of(ca.certificate())), new PinStore(folder.resolve("pins.json")),
                TlsPolicy.defaults());
    }

    private static final Endpoint SERVER = new Endpoint(Service.IMAP, "mail.example.org", 993, SecurityMode.TLS);

    private TrustEvaluator.Verdict evaluate(TestCertificates.Credential credential) {
        return evaluator().evaluate(SERVER, credential.chain(), Instant.now());
    }

    @Test
    void aCaIssuedMatchingCertificateIsSecureAndNamesTheCa() {
        TrustEvaluator.Verdict verdict = evaluate(ca.issue(Spec.forHost("mail.example.org")));
        assertTrue(verdict.trusted());
        assertEquals(TrustBasis.Kind.CERTIFICATE_AUTHORITY, verdict.trust().kind());
        assertEquals("Padlock Test CA", verdict.trust().authority());
        assertNull(verdict.refusal());
    }

    @Test
    void aWildcardCoversOneLabel() {
        assertTrue(evaluate(ca.issue(Spec.forHost("*.example.org"))).trusted());
    }

    @Test
    void eachProblemHasItsOutcomeAndSaysWhatIsWrong() {
        record Expectation(TestCertificates.Credential credential, Outcome outcome, String words) {
        }
        List<Expectation> expectations = List.of(
                new Expectation(ca.issue(Spec.forHost("mail.example.org").expired()), Outcome.CERTIFICATE_EXPIRED, "expired on"),
                new Expectation(ca.issue(Spec.forHost("mail.example.org").notYetValid()), Outcome.CERTIFICATE_NOT_YET_VALID, "not valid before"),
                new Expectation(ca.issue(Spec.forHost("other.example.org")), Outcome.HOSTNAME_MISMATCH, "issued for other.example.org"),
                new Expectation(ca.issue(Spec.forHost("*.org")), Outcome.HOSTNAME_MISMATCH, "issued for *.org"),
                new Expectation(TestCertificates.selfSigned(Spec.forHost("mail.example.org")), Outcome.CERTIFICATE_UNTRUSTED, "self-signed"),
                new Expectation(TestCertificates.authority("Stranger CA").issue(Spec.forHost("mail.example.org")),
                        Outcome.CERTIFICATE_UNTRUSTED, "issued by Stranger CA"),
                new Expectation(ca.issue(Spec.forHost("mail.example.org").sha1()), Outcome.WEAK_TLS, "SHA1"),
                new Expectation(ca.issue(Spec.forHost("mail.example.org").rsa(1024)), Outcome.WEAK_TLS, "1024-bit RSA key"));
        for (Expectation e : expectations) {
            TrustEvaluator.Verdict verdict = evaluate(e.credential());
            assertFalse(verdict.trusted(), e.words());
            assertEquals(e.outcome(), verdict.refusal().outcome(), verdict.refusal().message());
            assertTrue(verdict.refusal().message().contains(e.words()), verdict.refusal().message());
            assertEquals(e.credential().chain(), verdict.refusal().offeredChain(), "the chain travels with the refusal");
            assertTrue(verdict.refusal().pinnable());
        }
    }

    @Test
    void severalProblemsAreAllNamedAndTheMostAlarmingDecides() {
        TrustEvaluator.Verdict verdict = evaluate(TestCertificates.selfSigned(Spec.forHost("other.example.org").expired()));
        assertEquals(Outcome.CERTIFICATE_EXPIRED, verdict.refusal().outcome());
        String message = verdict.refusal().message();
        assertTrue(message.contains("expired") && message.contains("self-signed") && message.contains("other.example.org"), message);
        assertTrue(verdict.refusal().pinningNeedsSecondConfirmation(), "expired: never pinned with one click");
    }

    @Test
    void aPinnedKeyIsTrustedEvenWhenACaWouldNotBe() throws Exception {
        TestCertificates.Credential selfSigned = TestCertificates.selfSigned(Spec.forHost("10.0.0.1"));
        Instant pinnedAt = Instant.parse("2026-10-01T08:00:00Z");
        new PinStore(folder.resolve("pins.json")).add(SERVER, selfSigned.leaf(), pinnedAt);
        TrustEvaluator.Verdict verdict = evaluate(selfSigned);
        assertTrue(verdict.trusted());
        assertEquals(TrustBasis.pin(pinnedAt), verdict.trust());
    }

    @Test
    void aDifferentKeyThanThePinnedOneIsRefusedEvenWithAValidCaChain() throws Exception {
        var pinned = TestCertificates.selfSigned(Spec.forHost("mail.example.org"));
        Pin pin = new PinStore(folder.resolve("pins.json")).add(SERVER, pinned.leaf(), Instant.parse("2026-10-01T08:00:00Z"));
        TrustEvaluator.Verdict verdict = evaluate(ca.issue(Spec.forHost("mail.example.org").otherKey()));
        assertEquals(Outcome.PIN_MISMATCH, verdict.refusal().outcome());
        assertTrue(verdict.refusal().message().contains("changed since you pinned it on 2026-10-01 08:00 UTC"));
        assertEquals(pin, verdict.refusal().existingPin());
        assertFalse(verdict.refusal().pinnable(), "a changed key is never pinned through the first-use path");
    }
}
