package org.padlockmail.mail.sync;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.angus.mail.iap.Argument;

/**
 * Whole messages by UID, a few at a time, for reading and searching offline: the folder is opened
 * read-only and {@code UID FETCH set (UID BODY.PEEK[])} asked, so nothing is marked read. Only answers for
 * the UIDs asked for are kept, and only while the folder's UIDVALIDITY is the one the UIDs came from; when
 * it changed, nothing is fetched (the next sync starts the folder's cache over).
 */
final class BodyFetch {

    /** Untagged answers beyond one per UID allowed for (flag changes of other messages, say). */
    private static final long SLACK = 10_000;

    private BodyFetch() {
    }

    /** The sources found, by UID; a message the server no longer has is simply missing. */
    static Map<Long, byte[]> run(ImapChannel channel, String folder, long uidValidity, long[] uids) throws SyncException {
        long[] asked = uids.clone();
        Arrays.sort(asked);
        ImapChannel.Examined examined = channel.examine(folder, SLACK);
        Map<Long, byte[]> sources = new HashMap<>();
        if (examined.uidValidity() != uidValidity || asked.length == 0) {
            return sources;
        }
        Argument args = new Argument().writeAtom(UidList.set(asked, 0, asked.length)).writeAtom("(UID BODY.PEEK[])");
        channel.run("UID FETCH", args, asked.length + SLACK, r -> {
            if (!r.keyEquals("FETCH")) {
                return;
            }
            FetchLine line;
            try {
                line = r.fetch();
            } catch (FetchLine.Malformed e) {
                throw channel.violation("sent an unreadable FETCH answer (" + e.getMessage() + ")", e);
            }
            if (line.source() != null && Arrays.binarySearch(asked, line.uid()) >= 0) {
                sources.put(line.uid(), line.source());
            }
        });
        return sources;
    }
}
