package org.padlockmail.mail.cache;

import java.util.ArrayList;
import java.util.List;

/** Rows for the cache tests. */
final class Headers {

    static final int SEEN = CachedHeader.Flag.SEEN.bit();
    static final int FLAGGED = CachedHeader.Flag.FLAGGED.bit();

    private Headers() {
    }

    static CachedHeader header(long uid, long date, String subject, String from, String to) {
        return new CachedHeader(uid, 0, uid, date, 1000 + uid, date - 60, subject, from, to, "<" + uid + "@padlock.test>",
                null, false);
    }

    static CachedHeader header(long uid, String subject) {
        return header(uid, 1_700_000_000L + uid, subject, "Alice <alice@padlock.test>", "bob@padlock.test");
    }

    /** UIDs first..last, internal date rising with the UID. */
    static List<CachedHeader> range(long first, long last) {
        List<CachedHeader> rows = new ArrayList<>();
        for (long uid = first; uid <= last; uid++) {
            rows.add(header(uid, "message " + uid));
        }
        return rows;
    }

    static long[] uids(List<CachedHeader> rows) {
        return rows.stream().mapToLong(CachedHeader::uid).toArray();
    }
}
