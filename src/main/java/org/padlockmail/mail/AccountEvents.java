package org.padlockmail.mail;

import java.util.List;
import org.padlockmail.mail.sync.SyncResult;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Service;

/**
 * What the account layer tells its observers (the UI turns these into properties on the JavaFX thread).
 * Called on the account's own threads, never on the JavaFX thread.
 */
public interface AccountEvents {

    /** A connection was made or refused; every reconnect reports again, with full trust checks. */
    default void connected(ConnectionReport report) {
    }

    /** A live connection was lost; {@code reason} says why, for the status bar. */
    default void offline(Service service, String reason) {
    }

    /** New messages arrived in a watched folder, newest last. */
    default void newMessages(String folder, List<MessageRow> rows) {
    }

    /** Messages in a watched folder changed their flags (here or in another client), as fresh rows. */
    default void messagesChanged(String folder, List<MessageRow> rows) {
    }

    /**
     * The cached rows of a folder changed: a sync wrote a batch (the first one is the newest rows, for the
     * first screen), or a change of the user's was applied to the cache before the server has it.
     */
    default void cachedRowsChanged(String folder) {
    }

    /** A folder sync finished and saved its state. */
    default void syncFinished(SyncResult result) {
    }

    /** A folder sync stopped; {@code reason} is written for the user, the cache keeps what it had. */
    default void syncFailed(String folder, String reason) {
    }

    /** The folder tree or a folder's counts changed (after a listing, a move, a delete, a flag change). */
    default void foldersChanged(List<FolderInfo> folders) {
    }

    /** The outbox changed: what is still waiting, failed or blocked, with reasons. */
    default void outboxChanged(List<Outbox.Entry> entries) {
    }

    /** Something the user asked for failed; {@code message} is written for them. */
    default void failed(String what, String message) {
    }
}
