package org.padlockmail.mail;

/** One mailbox as the folder tree shows it. */
public record FolderInfo(String fullName, String name, SpecialUse specialUse, int total, int unread, boolean selectable) {

    /** The RFC 6154 roles a folder can have (INBOX is always one). */
    public enum SpecialUse {
        INBOX, DRAFTS, SENT, TRASH, JUNK, ARCHIVE, NONE;

        static SpecialUse of(String fullName, String[] attributes) {
            if (fullName.equalsIgnoreCase("INBOX")) {
                return INBOX;
            }
            for (String attribute : attributes) {
                switch (attribute.toLowerCase(java.util.Locale.ROOT)) {
                    case "\\drafts" -> {
                        return DRAFTS;
                    }
                    case "\\sent" -> {
                        return SENT;
                    }
                    case "\\trash" -> {
                        return TRASH;
                    }
                    case "\\junk" -> {
                        return JUNK;
                    }
                    case "\\archive" -> {
                        return ARCHIVE;
                    }
                    default -> { }
                }
            }
            return NONE;
        }
    }
}
