package org.padlockmail.mail.cache;

import java.util.Objects;

/**
 * A change the user made that the server has not seen yet (made offline, or waiting for the connection).
 * The cache applies it to its own rows at once and keeps it until {@link MailCache#done} says the server
 * has it. Whoever replays the queue takes {@link MailCache#pending()} in order and, per change:
 *
 * <ul>
 * <li>skips it (and calls {@code done}) when the folder's UIDVALIDITY on the server is no longer
 *     {@link #uidValidity()}: the UID would name another message;</li>
 * <li>{@link Kind#ADD_FLAGS} / {@link Kind#REMOVE_FLAGS}: {@code UID STORE uid +FLAGS / -FLAGS} with the
 *     {@link CachedHeader.Flag} bits in {@link #flags()};</li>
 * <li>{@link Kind#MOVE}: {@code UID MOVE uid target} (or COPY, STORE \Deleted, UID EXPUNGE without MOVE);</li>
 * <li>{@link Kind#DELETE}: {@code UID STORE uid +FLAGS (\Deleted)} then {@code UID EXPUNGE uid}; moving to
 *     the Trash is a MOVE.</li>
 * </ul>
 *
 * A folder sync that runs before the replay does not undo these: rows the sync writes get the pending
 * changes of their folder applied again. {@link FolderCache#reset()} drops the folder's pending changes
 * (its UIDs no longer mean anything).
 *
 * @param id          the queue position, 0 before {@link MailCache#queue}
 * @param uidValidity the folder's UIDVALIDITY when queued (0 if the folder was never synced); set by
 *                    {@link MailCache#queue}
 * @param flags       flag bits for the flag kinds, 0 otherwise
 * @param target      the target folder's full name for {@link Kind#MOVE}, null otherwise
 */
public record PendingChange(long id, String folder, long uid, long uidValidity, Kind kind, int flags, String target) {

    public enum Kind { ADD_FLAGS, REMOVE_FLAGS, MOVE, DELETE }

    public PendingChange {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(kind, "kind");
        if (uid < 1 || uid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an IMAP UID: " + uid);
        }
        boolean flagKind = kind == Kind.ADD_FLAGS || kind == Kind.REMOVE_FLAGS;
        if (flagKind != (flags != 0)) {
            throw new IllegalArgumentException(kind + " with flags " + flags);
        }
        if ((kind == Kind.MOVE) != (target != null)) {
            throw new IllegalArgumentException(kind + " with target " + target);
        }
    }

    public static PendingChange addFlags(String folder, long uid, int flags) {
        return new PendingChange(0, folder, uid, 0, Kind.ADD_FLAGS, flags, null);
    }

    public static PendingChange removeFlags(String folder, long uid, int flags) {
        return new PendingChange(0, folder, uid, 0, Kind.REMOVE_FLAGS, flags, null);
    }

    public static PendingChange move(String folder, long uid, String target) {
        return new PendingChange(0, folder, uid, 0, Kind.MOVE, 0, target);
    }

    public static PendingChange delete(String folder, long uid) {
        return new PendingChange(0, folder, uid, 0, Kind.DELETE, 0, null);
    }

    PendingChange stored(long newId, long folderUidValidity) {
        return new PendingChange(newId, folder, uid, folderUidValidity, kind, flags, target);
    }
}
