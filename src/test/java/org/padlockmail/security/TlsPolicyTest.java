package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.padlockmail.testing.TestCertificates;
import org.padlockmail.testing.TestCertificates.Spec;

class TlsPolicyTest {

    @Test
    void defaultsAreTls13And12WithAeadForwardSecretSuitesOnly() {
        TlsPolicy policy = TlsPolicy.defaults();
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), policy.protocols());
        assertTrue(policy.cipherSuites().stream().allMatch(TlsPolicy::isAeadWithForwardSecrecy));
        assertFalse(TlsPolicy.isAeadWithForwardSecrecy("TLS_RSA_WITH_AES_128_GCM_SHA256"), "no forward secrecy");
        assertFalse(TlsPolicy.isAeadWithForwardSecrecy("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"), "not AEAD");
        assertEquals(List.of("TLSv1.3"), policy.withMinimumProtocol("TLSv1.3").protocols());
    }

    @Test
    void appliedToASocketEvenWhenTheJvmWouldAllowMore() throws Exception {
        // The test JVM re-enables TLS 1.0/1.1 (hostile-servers.java.security); the policy must not.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            assertTrue(Arrays.asList(socket.getSupportedProtocols()).contains("TLSv1"));
            TlsPolicy.defaults().applyTo(socket);
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), Arrays.asList(socket.getEnabledProtocols()));
            assertTrue(Arrays.stream(socket.getEnabledCipherSuites()).allMatch(TlsPolicy::isAeadWithForwardSecrecy));
            assertTrue(socket.getEnabledCipherSuites().length >= 6, "this JVM lacks the EC suites (jdk.crypto.ec?)");
        }
    }

    @Test
    void chainProblemsNameWeakKeysAndSignaturesButNotARootsSelfSignature() {
        TlsPolicy policy = TlsPolicy.defaults();
        TestCertificates.Authority ca = TestCertificates.authority("Policy CA");
        assertEquals(List.of(), policy.chainProblems(ca.issue(Spec.forHost("a")).chain()));
        assertEquals(List.of(), policy.chainProblems(ca.issue(Spec.forHost("a").ec()).chain()), "EC P-256 is enough");
        var weakKey = policy.chainProblems(ca.issue(Spec.forHost("a").rsa(1024)).chain());
        assertEquals(CertificateProblem.Kind.WEAK_KEY, weakKey.get(0).kind());
        var sha1 = policy.chainProblems(ca.issue(Spec.forHost("a").sha1()).chain());
        assertEquals(CertificateProblem.Kind.WEAK_SIGNATURE, sha1.get(0).kind());
        assertEquals(List.of(), policy.chainProblems(TestCertificates.selfSigned(Spec.forHost("a").sha1()).chain()),
                "a self-signed certificate's own signature proves nothing either way");
    }
}
