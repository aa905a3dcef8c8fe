package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.SecurityMode;

class ServerDiscoveryTest {

    @Test
    void implicitTlsComesBeforeStartTlsAndPlaintextIsNeverTried() {
        List<Endpoint> candidates = ServerDiscovery.candidates("Ada@Example.ORG");
        List<String> imap = candidates.stream().filter(e -> e.service() == org.padlockmail.security.Service.IMAP)
                .map(e -> e.host() + ":" + e.port() + "/" + e.mode()).toList();
        assertEquals(List.of("imap.example.org:993/TLS", "mail.example.org:993/TLS", "example.org:993/TLS",
                "imap.example.org:143/STARTTLS", "mail.example.org:143/STARTTLS", "example.org:143/STARTTLS"), imap);
        assertEquals("smtp.example.org:465/TLS", candidates.stream().filter(e -> e.service() == org.padlockmail.security.Service.SMTP)
                .map(e -> e.host() + ":" + e.port() + "/" + e.mode()).findFirst().orElseThrow());
        assertEquals(0, candidates.stream().filter(e -> e.mode() == SecurityMode.PLAIN).count());
    }
}
