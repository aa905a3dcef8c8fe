package org.padlockmail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9525 host name checks. */
class CertificateNamesTest {

    private static CertificateNames dns(String... names) {
        return new CertificateNames(List.of(names), List.of());
    }

    @Test
    void exactNamesMatchCaseInsensitivelyAndIgnoringATrailingDot() {
        assertTrue(dns("mail.example.org").matches("Mail.Example.ORG"));
        assertTrue(dns("mail.example.org.").matches("mail.example.org"));
        assertTrue(dns("mail.example.org").matches("mail.example.org."));
        assertFalse(dns("mail.example.org").matches("example.org"));
    }

    @Test
    void wildcardsOnlyAsTheWholeLeftMostLabelAndForExactlyOneLabel() {
        assertTrue(dns("*.example.org").matches("imap.example.org"));
        assertFalse(dns("*.example.org").matches("example.org"));
        assertFalse(dns("*.example.org").matches("a.b.example.org"));
        assertFalse(dns("im*.example.org").matches("imap.example.org"), "partial wildcards are not honoured");
        assertFalse(dns("mail.*.org").matches("mail.example.org"));
        assertFalse(dns("*.org").matches("example.org"), "a wildcard needs two labels after it");
        assertFalse(dns("*.*.example.org").matches("a.b.example.org"));
    }

    @Test
    void internationalNamesAreComparedAsALabels() {
        assertTrue(dns("xn--bcher-kva.example").matches("bücher.example"));
    }

    @Test
    void ipAddressesMatchOnlyIpEntriesByValue() {
        CertificateNames names = new CertificateNames(List.of("127.0.0.2"), List.of("127.0.0.2", "0:0:0:0:0:0:0:1"));
        assertTrue(names.matches("127.0.0.2"));
        assertTrue(names.matches("::1"));
        assertTrue(names.matches("[::1]"));
        assertFalse(new CertificateNames(List.of("127.0.0.2"), List.of()).matches("127.0.0.2"),
                "an IP address in a DNS entry is not an IP identity");
        assertFalse(names.matches("127.0.0.3"));
    }

    @Test
    void noSubjectAltNameMeansNoIdentityAtAll() {
        assertFalse(new CertificateNames(List.of(), List.of()).matches("mail.example.org"));
        assertEquals(List.of(), new CertificateNames(List.of(), List.of()).all());
    }
}
