package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class MailtoLinkTest {

    @Test
    void addressesFieldsAndPercentEncodedUtf8() {
        MessageDraft draft = MailtoLink.parse("MAILTO:ada@example.org,grace%2Bnavy@example.org?cc=alan@example.org"
                + "&subject=%E4%BD%A0%E5%A5%BD%20world&body=line%201%0D%0Aline+2&bcc=x@example.org");
        assertEquals(List.of("ada@example.org", "grace+navy@example.org"), draft.to());
        assertEquals(List.of("alan@example.org"), draft.cc());
        assertEquals(List.of("x@example.org"), draft.bcc());
        assertEquals("你好 world", draft.subject());
        assertEquals("line 1\nline+2", draft.text());
    }

    @Test
    void otherHeadersAreIgnoredAndNonMailtoIsRefused() {
        MessageDraft draft = MailtoLink.parse("mailto:?to=a@example.org&in-reply-to=%3Cx@y%3E&X-Evil=1");
        assertEquals(List.of("a@example.org"), draft.to());
        assertEquals(null, draft.inReplyTo());
        assertThrows(IllegalArgumentException.class, () -> MailtoLink.parse("https://example.org"));
    }
}
