package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.padlockmail.mail.FolderInfo.SpecialUse;

class FolderRolesTest {

    @Test
    void attributesWinAndUsualNamesAreTheFallback() {
        assertEquals(SpecialUse.SENT, SpecialUse.of("Gesendet", new String[] {"\\Sent"}));
        assertEquals(SpecialUse.SENT, SpecialUse.of("Sent Items", new String[0]));
        assertEquals(SpecialUse.TRASH, SpecialUse.of("INBOX.Trash", new String[0]));
        assertEquals(SpecialUse.JUNK, SpecialUse.of("Spam", new String[0]));
        assertEquals(SpecialUse.INBOX, SpecialUse.of("inbox", new String[0]));
        assertEquals(SpecialUse.NONE, SpecialUse.of("Receipts", new String[0]));
    }
}
