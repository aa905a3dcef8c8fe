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
            return byName(fullName);
        }

        /** Servers without RFC 6154 attributes (and the demo server) name their folders the usual way. */
        private static SpecialUse byName(String fullName) {
            String name = fullName.substring(Math.max(fullName.lastIndexOf('/'), fullName.lastIndexOf('.')) + 1)
                    .toLowerCase(java.util.Locale.ROOT);
            return switch (name) {
                case "sent", "sent messages", "sent items", "sent mail" -> SENT;
                case "drafts" -> DRAFTS;
                case "trash", "deleted messages", "deleted items" -> TRASH;
                case "junk", "spam" -> JUNK;
                case "archive", "archives" -> ARCHIVE;
                default -> NONE;
            };
        }
    }
}
