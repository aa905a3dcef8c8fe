package org.padlockmail.mail.cache;

import java.util.List;
import java.util.Optional;

/**
 * The cached copy of one IMAP folder, the side a sync writes to. The server is the truth: everything
 * here can be dropped and fetched again. Each write method is one transaction; a sync calls
 * {@link #saveState} last, so a sync that dies half way starts again from the previous state.
 */
public interface FolderCache {

    /** The folder's full IMAP name. */
    String folder();

    /** Where the last complete sync ended; empty for a folder never synced. */
    Optional<FolderState> state();

    /** Drops every cached message of the folder and its state (its UIDVALIDITY changed). */
    void reset();

    /**
     * Inserts new rows or replaces rows with the same UID. They are searchable at once, but indexed for
     * search later, in the background (see {@link MailCache#unindexedCount}): until then search finds
     * them by scanning them, which is slower and folds case for ASCII letters only.
     */
    void putHeaders(List<CachedHeader> rows);

    /** Changes flags (and modseq) of cached rows; UIDs not cached are ignored. */
    void updateFlags(List<FlagUpdate> updates);

    /** Removes messages the server expunged (VANISHED, or missing from a full UID list). */
    void remove(long[] uids);

    /** Every cached UID, ascending. */
    long[] uids();

    /** How many messages are cached: {@code uids().length}, without reading them. */
    int count();

    /** Records where this sync ended; the next one starts from here. */
    void saveState(FolderState state);
}
