package org.padlockmail.mail.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.angus.mail.iap.Argument;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FlagUpdate;
import org.padlockmail.mail.cache.FolderCache;
import org.padlockmail.mail.cache.FolderState;

/**
 * One sync of one folder into its cache, over a {@link ImapChannel}: every untagged FETCH becomes a row or
 * a flag update as it is read, rows go to the cache in batches, and {@link FolderCache#saveState} comes
 * last, so a sync that fails leaves the previous state in place and the next one repeats the work.
 *
 * <p>Nothing the server says is taken on trust beyond what was asked: answers for messages outside the
 * requested range are ignored, UID ranges are intersected with the cache instead of being expanded, and
 * when the folder's message count does not add up after the changes, a UID SEARCH sets the cache right.
 */
final class FolderSync {

    /** Outcome before timing and byte counts are added. */
    record Done(SyncPath path, int added, int changed, int removed, boolean reconciled, FolderState state) {
    }

    private static final long MAX_UID = 0xFFFF_FFFFL;
    private static final int FLAG_BATCH = 2_000;
    /** Untagged answers beyond those a command can cause, before an answer counts as endless. */
    private static final int SLACK = 10_000;
    /** FETCH commands of a cold sync in flight at once: the server prepares one while the other is read. */
    static final int PIPELINE = 2;
    /** Batches waiting for the cache writer; more would only hold memory when SQLite is the slower side. */
    private static final int WRITE_QUEUE = 2;

    private final ImapChannel channel;
    private final FolderCache cache;
    private final SyncOptions options;
    private final SyncProgress progress;
    private final boolean qresync;
    private final boolean condstore;
    private final boolean esearch;

    private int added;
    private int changed;
    private int removed;
    private boolean reconciled;

    /**
     * The cached UIDs (ascending) at the start of a warm sync, read only when a change needs them (reading
     * 100,000 took 20 ms, most of a QRESYNC reopen with nothing changed), their count, and which were removed since.
     */
    private long[] cached;
    private int cachedCount;
    private final BitSet gone = new BitSet();

    FolderSync(ImapChannel channel, FolderCache cache, SyncOptions options, SyncProgress progress, boolean qresync,
               boolean condstore) {
        this.channel = channel;
        this.cache = cache;
        this.options = options;
        this.progress = progress;
        this.qresync = qresync;
        this.condstore = condstore;
        this.esearch = channel.hasCapability("ESEARCH");
    }

    Done run() throws SyncException {
        Optional<FolderState> state = cache.state();
        if (state.isEmpty()) {
            return cold(select(null, false), false);
        }
        FolderState known = state.get();
        cachedCount = cache.count();
        boolean useQresync = qresync && known.highestModSeq() > 0;
        Selected selected = select(useQresync ? known : null, useQresync);
        if (selected.uidValidity != known.uidValidity()
                || (selected.uidNext > 0 && selected.uidNext < known.uidNext())) {
            // A new UIDVALIDITY (or UIDNEXT going backwards, which only a new one allows): every cached UID is void.
            cache.reset();
            cached = new long[0];
            cachedCount = 0;
            return cold(selected, true);
        }
        return warm(known, selected, useQresync);
    }

    // ---- opening the folder -------------------------------------------------------------------------

    /** What EXAMINE told; FETCH and VANISHED answers of a QRESYNC EXAMINE are applied while it is read. */
    private final class Selected {
        long exists = -1;
        long uidValidity;
        long uidNext;
        long highestModSeq;
        boolean noModSeq;
        FolderState known;
        final List<FlagUpdate> pendingFlags = new ArrayList<>();
        final List<long[]> pendingVanished = new ArrayList<>();

        boolean modSeq() {
            return condstore && !noModSeq && highestModSeq > 0;
        }

        /** Changes are applied only once the folder is known to be the one the cache holds. */
        boolean confirmed() {
            return known != null && uidValidity == known.uidValidity();
        }
    }

    /** EXAMINE (read-only: a sync never changes the folder), with QRESYNC data when {@code known} is given. */
    private Selected select(FolderState known, boolean withQresync) throws SyncException {
        Selected s = new Selected();
        s.known = known;
        Argument args = channel.mailbox(cache.folder());
        if (withQresync) {
            args.writeArgument(new Argument().writeAtom("QRESYNC").writeArgument(
                    new Argument().writeNumber(known.uidValidity()).writeNumber(known.highestModSeq())));
        } else if (condstore) {
            args.writeArgument(new Argument().writeAtom("CONDSTORE"));
        }
        long limit = withQresync ? 2L * cachedCount + SLACK : SLACK;
        channel.run("EXAMINE", args, limit, r -> {
            if (r.isOK()) {
                responseCode(s, r.rest());
            } else if (r.keyEquals("EXISTS")) {
                s.exists = r.number();
            } else if (r.keyEquals("VANISHED") && withQresync) {
                s.pendingVanished.add(vanished(r));
            } else if (r.keyEquals("FETCH") && withQresync) {
                FetchLine fetch = fetched(r);
                long uid = fetch.uid();
                int flags = fetch.flags();
                if (uid > 0 && uid < known.uidNext() && flags >= 0) {
                    s.pendingFlags.add(new FlagUpdate(uid, flags, fetch.modSeq()));
                }
            }
            if (s.confirmed() && (s.pendingFlags.size() >= FLAG_BATCH || !s.pendingVanished.isEmpty())) {
                applyPending(s);
            }
        });
        if (s.uidValidity == 0) {
            throw channel.violation("opened " + cache.folder() + " without a valid UIDVALIDITY", null);
        }
        if (s.exists < 0) {
            throw channel.violation("opened " + cache.folder() + " without saying how many messages it holds", null);
        }
        if (s.confirmed()) {
            applyPending(s);
        }
        return s;
    }

    private void responseCode(Selected s, String rest) throws SyncException {
        if (rest == null || !rest.startsWith("[")) {
            return;
        }
        int end = rest.indexOf(']');
        String[] code = rest.substring(1, end < 0 ? rest.length() : end).trim().split("\\s+");
        switch (code[0].toUpperCase(Locale.ROOT)) {
            case "UIDVALIDITY" -> {
                long value = number(code, 1, MAX_UID);
                if (value <= 0 || (s.uidValidity != 0 && s.uidValidity != value)) {
                    throw channel.violation("sent an invalid UIDVALIDITY (" + rest + ") for " + cache.folder(), null);
                }
                s.uidValidity = value;
            }
            case "UIDNEXT" -> {
                long value = number(code, 1, MAX_UID + 1);
                if (value <= 0) {
                    throw channel.violation("sent an invalid UIDNEXT (" + rest + ")", null);
                }
                s.uidNext = value;
            }
            case "HIGHESTMODSEQ" -> {
                long value = number(code, 1, Long.MAX_VALUE);
                if (value <= 0) {
                    throw channel.violation("sent an invalid HIGHESTMODSEQ (" + rest + ")", null);
                }
                s.highestModSeq = value;
            }
            case "NOMODSEQ" -> s.noModSeq = true;
            default -> {
                // PERMANENTFLAGS, UNSEEN, READ-ONLY, CLOSED ...: nothing a header sync needs
            }
        }
    }

    /** A positive number up to {@code max}, or -1 when it is missing or malformed. */
    private static long number(String[] code, int index, long max) {
        if (code.length <= index) {
            return -1;
        }
        try {
            long value = Long.parseLong(code[index]);
            return value >= 1 && value <= max ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** VANISHED [(EARLIER)] set, as ranges (start, end, start, end ...), never expanded. */
    private long[] vanished(Answer r) throws SyncException {
        String rest = r.rest();
        if (rest.regionMatches(true, 0, "(EARLIER)", 0, 9)) {
            rest = rest.substring(9).trim();
        }
        return ranges(rest, "VANISHED");
    }

    /** Parses a UID set; anything but numbers 1..2^32-1, ',' and ':' is a protocol violation. */
    private long[] ranges(String set, String where) throws SyncException {
        String[] parts = set.trim().split(",");
        long[] ranges = new long[parts.length * 2];
        for (int i = 0; i < parts.length; i++) {
            String[] ends = parts[i].split(":", -1);
            if (ends.length > 2) {
                throw channel.violation("sent a malformed UID set in " + where, null);
            }
            long a = channel.uid(ends[0], where);
            long b = ends.length == 2 ? channel.uid(ends[1], where) : a;
            ranges[2 * i] = Math.min(a, b);
            ranges[2 * i + 1] = Math.max(a, b);
        }
        return ranges;
    }

    private void applyPending(Selected s) {
        for (long[] ranges : s.pendingVanished) {
            removeCachedIn(ranges);
        }
        s.pendingVanished.clear();
        applyFlags(s.pendingFlags);
        s.pendingFlags.clear();
    }

    /** Removes the cached UIDs inside the ranges: cost follows the cache's size, whatever the ranges claim. */
    private void removeCachedIn(long[] ranges) {
        long[] cached = cached();
        UidList hit = new UidList();
        for (int i = 0; i < ranges.length; i += 2) {
            int at = lowerBound(cached, ranges[i]);
            for (; at < cached.length && cached[at] <= ranges[i + 1]; at++) {
                if (!gone.get(at)) {
                    gone.set(at);
                    hit.add(cached[at]);
                }
            }
        }
        if (!hit.isEmpty()) {
            long[] uids = hit.sortedUnique();
            cache.remove(uids);
            removed += uids.length;
        }
    }

    private void applyFlags(List<FlagUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        cache.updateFlags(List.copyOf(updates));
        for (FlagUpdate update : updates) {
            int at = Arrays.binarySearch(cached(), update.uid());
            if (at >= 0 && !gone.get(at)) {
                changed++;
            }
        }
    }

    /** A FETCH answer read by {@link FetchLine}; one that breaks the syntax stops the sync. */
    private FetchLine fetched(Answer r) throws SyncException {
        try {
            return r.fetch();
        } catch (FetchLine.Malformed e) {
            throw channel.violation("sent an unreadable FETCH answer (" + e.getMessage() + ")", e);
        }
    }

    private long[] cached() {
        if (cached == null) {
            cached = cache.uids();
        }
        return cached;
    }

    private static int lowerBound(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }

    // ---- cold ---------------------------------------------------------------------------------------

    /** A FETCH of message numbers {@code from..to} sent and not yet answered in full, and the rows read for it. */
    private record Chunk(long from, long to, String tag, List<CachedHeader> rows) {
    }

    /**
     * Every header, newest first, by message number: a small first batch for the first screen, then large
     * ones. Plain FETCH, so the server may not announce expunges in between and the numbers stay put.
     * Rows left in the cache by an interrupted earlier attempt that the server no longer has are removed.
     *
     * <p>The first batch is asked for alone (a server may hold back the end of an answer while it works on a
     * command sent behind it: Dovecot did, and the first screen came with the second batch), then up to
     * {@link #PIPELINE} FETCHes are in flight, so the server works on the next batch while this one is read;
     * each answer goes to the batch whose numbers it carries. The first batch is written here, at once, for
     * the first screen, while the server already works on the next ones; the others go to a
     * {@link RowWriter}, so SQLite works while the next batch is parsed. The state is saved only after the
     * writer has committed every row.
     */
    private Done cold(Selected s, boolean afterReset) throws SyncException {
        long[] before = afterReset ? new long[0] : cache.uids();
        String items = FetchLine.headerItems(s.modSeq(), options.contentType());
        UidList seen = new UidList();
        long maxUid = 0;
        long total = s.exists;
        boolean first = true;
        long written = 0;
        long reported = 0;
        Deque<Chunk> inFlight = new ArrayDeque<>();
        long hi = s.exists;
        try (RowWriter writer = new RowWriter(cache, WRITE_QUEUE)) {
            try {
                while (hi >= 1 || !inFlight.isEmpty()) {
                    hi = send(inFlight, hi, s.exists, first ? 1 : PIPELINE, items);
                    Chunk next = inFlight.peekFirst();
                    channel.await(next.tag(), untaggedLimit(inFlight), r -> {
                        if (r.keyEquals("FETCH")) {
                            long number = r.number();
                            for (Chunk c : inFlight) {
                                if (number >= c.from() && number <= c.to()) {
                                    CachedHeader row = fetched(r).row();
                                    if (row != null && (s.uidNext == 0 || row.uid() < s.uidNext)) {
                                        c.rows().add(row);
                                    }
                                    break;
                                }
                            }
                        }
                    });
                    inFlight.removeFirst();
                    for (CachedHeader row : next.rows()) {
                        seen.add(row.uid());
                        maxUid = Math.max(maxUid, row.uid());
                    }
                    if (first) {
                        hi = send(inFlight, hi, s.exists, PIPELINE, items); // the server works on them while we write
                        cache.putHeaders(next.rows()); // the first screen
                        written = next.rows().size();
                        reported = written;
                        first = false;
                        progress.rows(written, total);
                    } else {
                        writer.put(next.rows());
                        long done = written + writer.committed();
                        if (done > reported) {
                            reported = done;
                            progress.rows(done, total);
                        }
                    }
                }
                writer.finish();
            } catch (SyncException | RuntimeException e) {
                if (!channel.broken()) {
                    channel.drain(untaggedLimit(inFlight));
                }
                throw e;
            }
            long done = written + writer.committed();
            if (done > reported) {
                progress.rows(done, total);
            }
        }
        long[] fetched = seen.sortedUnique();
        added = fetched.length;
        long[] stale = UidList.missing(before, fetched);
        if (stale.length > 0) {
            cache.remove(stale);
            removed = stale.length;
        }
        long uidNext = s.uidNext > 0 ? s.uidNext : maxUid + 1;
        FolderState state = new FolderState(s.uidValidity, uidNext, s.modSeq() ? s.highestModSeq : 0);
        cache.saveState(state);
        return new Done(SyncPath.COLD, added, 0, removed, false, state);
    }

    /**
     * Sends FETCHes of the next batches at and below message {@code hi} until {@code depth} are in flight;
     * returns the new {@code hi}. The first batch (the one ending at {@code exists}) is {@code firstChunk} long,
     * the others {@code chunk}.
     */
    private long send(Deque<Chunk> inFlight, long hi, long exists, int depth, String items) throws SyncException {
        while (hi >= 1 && inFlight.size() < depth) {
            int size = hi == exists ? options.firstChunk() : options.chunk();
            long lo = Math.max(1, hi - size + 1);
            inFlight.add(new Chunk(lo, hi, channel.send("FETCH " + lo + ":" + hi + " " + items, null),
                    new ArrayList<>((int) (hi - lo + 1))));
            hi = lo - 1;
        }
        return hi;
    }

    /** Untagged answers the FETCHes in flight can cause, plus slack. */
    private static long untaggedLimit(Deque<Chunk> inFlight) {
        long sum = 0;
        for (Chunk c : inFlight) {
            sum += c.to() - c.from() + 1;
        }
        return 2 * sum + SLACK;
    }

    // ---- warm ---------------------------------------------------------------------------------------

    private Done warm(FolderState known, Selected s, boolean usedQresync) throws SyncException {
        boolean modSeqKnown = s.modSeq() && known.highestModSeq() > 0 && s.highestModSeq >= known.highestModSeq();
        SyncPath path;
        if (usedQresync && modSeqKnown) {
            path = SyncPath.QRESYNC; // changes and expunges came with EXAMINE
        } else if (modSeqKnown) {
            path = SyncPath.CONDSTORE;
            if (s.highestModSeq > known.highestModSeq() && known.uidNext() > 1) {
                changedSince(known);
            }
        } else {
            path = SyncPath.FULL; // also when the server's modseq went backwards: then modseqs say nothing
            everyFlag(known, s);
        }
        long uidNext = newMessages(known, s);
        long expected = cachedCount - gone.cardinality() + added;
        if (expected != s.exists) {
            reconcile(s, uidNext);
        }
        FolderState state = new FolderState(s.uidValidity, uidNext, s.modSeq() ? s.highestModSeq : 0);
        cache.saveState(state);
        return new Done(path, added, changed, removed, reconciled, state);
    }

    /** CONDSTORE: the flags of messages changed since the last sync. */
    private void changedSince(FolderState known) throws SyncException {
        List<FlagUpdate> batch = new ArrayList<>();
        channel.run("UID FETCH 1:" + (known.uidNext() - 1) + " (UID FLAGS) (CHANGEDSINCE " + known.highestModSeq() + ")",
                null, 2L * cachedCount + SLACK, r -> {
                    if (r.keyEquals("FETCH")) {
                        FetchLine fetch = fetched(r);
                        long uid = fetch.uid();
                        int flags = fetch.flags();
                        if (uid > 0 && uid < known.uidNext() && flags >= 0) {
                            batch.add(new FlagUpdate(uid, flags, fetch.modSeq()));
                            if (batch.size() >= FLAG_BATCH) {
                                applyFlags(batch);
                                batch.clear();
                            }
                        }
                    }
                });
        applyFlags(batch);
    }

    /** Without usable modseqs: every UID with its flags; cached UIDs missing from the list were expunged. */
    private void everyFlag(FolderState known, Selected s) throws SyncException {
        if (known.uidNext() <= 1) {
            return;
        }
        List<FlagUpdate> batch = new ArrayList<>();
        UidList listed = new UidList();
        channel.run("UID FETCH 1:" + (known.uidNext() - 1) + " (UID FLAGS" + (s.modSeq() ? " MODSEQ" : "") + ")", null,
                2L * (s.exists + cachedCount) + SLACK, r -> {
                    if (r.keyEquals("FETCH")) {
                        FetchLine fetch = fetched(r);
                        long uid = fetch.uid();
                        int flags = fetch.flags();
                        if (uid > 0 && uid < known.uidNext() && flags >= 0) {
                            listed.add(uid);
                            batch.add(new FlagUpdate(uid, flags, fetch.modSeq()));
                            if (batch.size() >= FLAG_BATCH) {
                                applyFlags(batch);
                                batch.clear();
                            }
                        }
                    }
                });
        applyFlags(batch);
        long[] present = listed.sortedUnique();
        long[] expunged = UidList.missing(cached(), present);
        long[] ranges = new long[expunged.length * 2];
        for (int i = 0; i < expunged.length; i++) {
            ranges[2 * i] = expunged[i];
            ranges[2 * i + 1] = expunged[i];
        }
        removeCachedIn(ranges);
    }

    /** Headers of messages that arrived since the last sync, newest first; returns the new UIDNEXT. */
    private long newMessages(FolderState known, Selected s) throws SyncException {
        long lo = known.uidNext();
        long hi = s.uidNext > 0 ? s.uidNext - 1 : MAX_UID;
        if (hi < lo) {
            return s.uidNext;
        }
        String items = FetchLine.headerItems(s.modSeq(), options.contentType());
        long expectedNew = Math.max(0, s.exists - (cachedCount - gone.cardinality()));
        long[] before = cached(); // before the new rows are written: a row already cached is not new
        long[] maxUid = {0};
        int[] done = {0};
        long top = hi;
        int chunk = options.firstChunk();
        while (top >= lo) {
            long from = s.uidNext > 0 ? Math.max(lo, top - chunk + 1) : lo;
            long to = top;
            String set = s.uidNext > 0 ? from + ":" + to : from + ":*";
            List<CachedHeader> rows = new ArrayList<>();
            channel.run("UID FETCH " + set + " " + items, null, 2 * Math.min(to - from + 1, s.exists) + SLACK, r -> {
                if (r.keyEquals("FETCH")) {
                    CachedHeader row = fetched(r).row();
                    if (row != null && row.uid() >= from && row.uid() <= to) {
                        rows.add(row);
                    }
                }
            });
            cache.putHeaders(rows);
            for (CachedHeader row : rows) {
                maxUid[0] = Math.max(maxUid[0], row.uid());
                if (Arrays.binarySearch(before, row.uid()) < 0) {
                    added++;
                }
            }
            done[0] += rows.size();
            progress.rows(done[0], Math.max(expectedNew, done[0]));
            top = from - 1;
            chunk = options.chunk();
        }
        return s.uidNext > 0 ? s.uidNext : Math.max(known.uidNext(), maxUid[0] + 1);
    }

    /**
     * The counts did not add up (an expunge the server did not report, rows left from an interrupted sync, a
     * server that lies): ask for the folder's UIDs below {@code uidNext} and make the cache match them.
     */
    private void reconcile(Selected s, long uidNext) throws SyncException {
        reconciled = true;
        if (uidNext <= 1) {
            return;
        }
        UidList server = new UidList();
        long[] count = {0};
        String query = (esearch ? "UID SEARCH RETURN (ALL) UID 1:" : "UID SEARCH UID 1:") + (uidNext - 1);
        channel.run(query, null, SLACK, r -> {
            if (r.keyEquals("ESEARCH")) {
                String rest = r.rest();
                int all = indexOfWord(rest, "ALL");
                if (all >= 0) {
                    String set = rest.substring(all + 3).trim().split("\\s+")[0];
                    long[] ranges = ranges(set, "ESEARCH");
                    for (int i = 0; i < ranges.length; i += 2) {
                        count[0] += ranges[i + 1] - ranges[i] + 1;
                        if (count[0] > s.exists + SLACK) {
                            throw channel.violation("listed more messages than the folder holds", null);
                        }
                        for (long uid = ranges[i]; uid <= ranges[i + 1]; uid++) {
                            server.add(uid);
                        }
                    }
                }
            } else if (r.keyEquals("SEARCH")) {
                for (String word : r.rest().trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        if (++count[0] > s.exists + SLACK) {
                            throw channel.violation("listed more messages than the folder holds", null);
                        }
                        server.add(channel.uid(word, "SEARCH"));
                    }
                }
            }
        });
        long[] onServer = server.sortedUnique();
        long[] now = cache.uids();
        int below = lowerBound(now, uidNext);
        long[] stale = UidList.missing(Arrays.copyOf(now, below), onServer);
        if (stale.length > 0) {
            cache.remove(stale);
            removed += stale.length;
        }
        long[] missing = UidList.missing(onServer, now);
        String items = FetchLine.headerItems(s.modSeq(), options.contentType());
        for (int end = missing.length; end > 0; end -= options.chunk()) {
            int start = Math.max(0, end - options.chunk());
            List<CachedHeader> rows = new ArrayList<>(end - start);
            long[] wanted = Arrays.copyOfRange(missing, start, end);
            channel.run("UID FETCH " + UidList.set(missing, start, end) + " " + items, null, 2L * wanted.length + SLACK, r -> {
                if (r.keyEquals("FETCH")) {
                    CachedHeader row = fetched(r).row();
                    if (row != null && Arrays.binarySearch(wanted, row.uid()) >= 0) {
                        rows.add(row);
                    }
                }
            });
            cache.putHeaders(rows);
            added += rows.size();
        }
    }

    private static int indexOfWord(String text, String word) {
        String[] words = text.split("\\s+");
        int at = 0;
        for (String w : words) {
            at = text.indexOf(w, at);
            if (w.equalsIgnoreCase(word)) {
                return at;
            }
            at += w.length();
        }
        return -1;
    }
}
