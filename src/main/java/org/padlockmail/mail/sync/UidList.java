package org.padlockmail.mail.sync;

import java.util.Arrays;

/** A growable list of UIDs as plain longs (no boxing: a sync may see a hundred thousand of them). */
final class UidList {

    private long[] values = new long[64];
    private int size;

    void add(long uid) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = uid;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The UIDs ascending, each once. */
    long[] sortedUnique() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[n - 1] != sorted[i]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** The values of ascending {@code all} that are not in ascending {@code present}. */
    static long[] missing(long[] all, long[] present) {
        UidList out = new UidList();
        int j = 0;
        for (long uid : all) {
            while (j < present.length && present[j] < uid) {
                j++;
            }
            if (j >= present.length || present[j] != uid) {
                out.add(uid);
            }
        }
        return Arrays.copyOf(out.values, out.size);
    }

    /** An IMAP sequence set ("1:5,9,12:14") for ascending UIDs from {@code from} (inclusive) to {@code to} (exclusive). */
    static String set(long[] uids, int from, int to) {
        StringBuilder set = new StringBuilder();
        int i = from;
        while (i < to) {
            int j = i;
            while (j + 1 < to && uids[j + 1] == uids[j] + 1) {
                j++;
            }
            if (set.length() > 0) {
                set.append(',');
            }
            set.append(uids[i]);
            if (j > i) {
                set.append(':').append(uids[j]);
            }
            i = j + 1;
        }
        return set.toString();
    }
}
