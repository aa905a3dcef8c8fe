package org.padlockmail.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FlagUpdate;
import org.padlockmail.mail.cache.FolderCache;
import org.padlockmail.mail.cache.FolderState;

/**
 * A {@link FolderCache} in memory for sync tests: a stand-in for the storage only (the sync and the servers
 * are real). It keeps what was written, and how: the batches, resets and saved states, so a test can check
 * the first batch came early and that nothing was saved after a failure.
 */
public final class MemoryFolderCache implements FolderCache {

    private final String folder;
    private final TreeMap<Long, CachedHeader> rows = new TreeMap<>();
    private FolderState state;
    public final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    public final List<List<Long>> batchUids = Collections.synchronizedList(new ArrayList<>());
    public int resets;
    public int saves;
    public int flagUpdates;

    public MemoryFolderCache(String folder) {
        this.folder = folder;
    }

    /** A cache that already holds rows and a state, as if an earlier sync had ended. */
    public static MemoryFolderCache holding(String folder, FolderState state, List<CachedHeader> rows) {
        MemoryFolderCache cache = new MemoryFolderCache(folder);
        rows.forEach(r -> cache.rows.put(r.uid(), r));
        cache.state = state;
        return cache;
    }

    @Override
    public String folder() {
        return folder;
    }

    @Override
    public synchronized Optional<FolderState> state() {
        return Optional.ofNullable(state);
    }

    @Override
    public synchronized void reset() {
        rows.clear();
        state = null;
        resets++;
    }

    @Override
    public synchronized void putHeaders(List<CachedHeader> headers) {
        batches.add(headers.size());
        batchUids.add(headers.stream().map(CachedHeader::uid).toList());
        headers.forEach(h -> rows.put(h.uid(), h));
    }

    @Override
    public synchronized void updateFlags(List<FlagUpdate> updates) {
        for (FlagUpdate update : updates) {
            CachedHeader row = rows.get(update.uid());
            if (row != null) {
                rows.put(update.uid(), row.withFlags(update.flags(), update.modSeq()));
                flagUpdates++;
            }
        }
    }

    @Override
    public synchronized void remove(long[] uids) {
        for (long uid : uids) {
            rows.remove(uid);
        }
    }

    @Override
    public synchronized long[] uids() {
        return rows.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public synchronized int count() {
        return rows.size();
    }

    @Override
    public synchronized void saveState(FolderState newState) {
        state = newState;
        saves++;
    }

    public synchronized CachedHeader row(long uid) {
        return rows.get(uid);
    }

    public synchronized List<CachedHeader> rows() {
        return List.copyOf(rows.values());
    }

    public synchronized int size() {
        return rows.size();
    }
}
