package org.padlockmail.mail.sync;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.angus.mail.iap.Argument;

/**
 * The server's search, for what the cache cannot find: the text of messages never read here. The folder is
 * opened read-only and searched with {@code UID SEARCH TEXT} for every word (header and body, as the cache
 * matches subject, people and read text); CHARSET UTF-8 is named only when a word needs it, since it is the
 * one charset a server must know for it (RFC 3501 6.4.4).
 */
final class ServerSearch {

    /** Untagged answers beyond the folder's size allowed for, as in a sync. */
    private static final long SLACK = 10_000;

    private ServerSearch() {
    }

    static ServerHits run(ImapChannel channel, String folder, List<String> words) throws SyncException {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("nothing to search for");
        }
        ImapChannel.Examined examined = channel.examine(folder, SLACK);
        Argument args = new Argument();
        if (words.stream().anyMatch(w -> !StandardCharsets.US_ASCII.newEncoder().canEncode(w))) {
            args.writeAtom("CHARSET").writeAtom("UTF-8");
        }
        for (String word : words) {
            args.writeAtom("TEXT").writeString(word, StandardCharsets.UTF_8);
        }
        UidList found = new UidList();
        long[] count = {0};
        channel.run("UID SEARCH", args, SLACK, r -> {
            if (r.keyEquals("SEARCH")) {
                for (String word : r.rest().trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        if (++count[0] > examined.exists() + SLACK) {
                            throw channel.violation("found more messages than " + folder + " holds", null);
                        }
                        found.add(channel.uid(word, "SEARCH"));
                    }
                }
            }
        });
        return new ServerHits(folder, examined.uidValidity(), found.sortedUnique());
    }
}
