package org.padlockmail.mail.sync;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ImapSession;
import org.padlockmail.mail.MailConnectionException;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.WireCounter;
import org.padlockmail.mail.cache.FolderCache;
import org.padlockmail.security.ConnectionReport;

/**
 * An IMAP connection of its own for background work, folder sync or the server's search, so that opening a
 * message never waits behind a long FETCH or SEARCH. It is made like every other connection of the app ({@link ImapSession#openStore}: our TLS
 * policy, trust and pins, a {@link ConnectionReport} to {@code reports}), with COMPRESS=DEFLATE when the
 * server offers it and is not on this machine ({@link SyncOptions#compressFor}), and its bytes counted.
 *
 * <p>The sync talks to Angus' protocol layer directly: no {@code IMAPFolder} is opened, so no message
 * objects are kept, and each FETCH answer becomes a cache row as it is read. Not thread-safe: use it from
 * one thread (the account's sync worker). After a {@link SyncException} of kind {@code CONNECTION_LOST} or
 * {@code PROTOCOL_VIOLATION} the connection is closed; open a new one.
 */
public final class SyncConnection implements AutoCloseable {

    private final IMAPStore store;
    private final WireCounter wire;
    private final boolean compress;
    private final SyncOptions options;
    private final String server;
    private IMAPProtocol qresyncEnabledOn;
    private boolean broken;

    private SyncConnection(IMAPStore store, WireCounter wire, boolean compress, SyncOptions options, String server) {
        this.store = store;
        this.wire = wire;
        this.compress = compress;
        this.options = options;
        this.server = server;
    }

    /** Connects and logs in; a refusal or failed login comes back as a {@link MailConnectionException} with its report. */
    public static SyncConnection open(Account account, String password, SecureConnector connector,
                                      Consumer<ConnectionReport> reports, SyncOptions options) throws MailConnectionException {
        WireCounter wire = new WireCounter();
        boolean compress = options.compressFor(account.imap().host());
        IMAPStore store = ImapSession.openStore(account, password, connector, reports,
                new ImapSession.StoreTuning(options.readTimeout(), compress, wire));
        return new SyncConnection(store, wire, compress, options, account.imap().host() + ":" + account.imap().port());
    }

    /**
     * Brings {@code cache} up to date with its folder on the server and saves the new state last. Cold when the
     * cache has no state or the folder's UIDVALIDITY changed; else QRESYNC, CONDSTORE or FULL, the best the
     * server offers and the options allow.
     *
     * @throws SyncException the sync did not finish; the cache's state is the one before this call
     */
    public SyncResult sync(FolderCache cache, SyncProgress progress) throws MessagingException {
        long start = System.nanoTime();
        long read = wire.read();
        long written = wire.written();
        FolderSync.Done done = onConnection(cache.folder(), "sync", p -> run(p, cache, progress));
        return new SyncResult(cache.folder(), done.path(), done.added(), done.changed(), done.removed(), done.reconciled(),
                Duration.ofNanos(System.nanoTime() - start), wire.read() - read, wire.written() - written, done.state());
    }

    /**
     * Asks the server for the messages of {@code folder} whose header or body text contains every one of
     * {@code words} (IMAP's TEXT, case-insensitive): what the cache cannot find in bodies never read here.
     * A server without an index of its own reads every message for this, so it may take long.
     *
     * @throws SyncException the search did not finish (refused, e.g. an unknown charset, or the connection broke)
     */
    public ServerHits search(String folder, List<String> words) throws MessagingException {
        return onConnection(folder, "search", p -> ServerSearch.run(new ImapChannel(p, server), folder, words));
    }

    /**
     * The whole source of each message asked for (BODY.PEEK[]: nothing is marked read), by UID, if the
     * folder's UIDVALIDITY is still {@code uidValidity}; messages the server no longer has are left out.
     *
     * @throws SyncException the fetch did not finish
     */
    public Map<Long, byte[]> bodies(String folder, long uidValidity, long[] uids) throws MessagingException {
        return onConnection(folder, "fetch", p -> BodyFetch.run(new ImapChannel(p, server), folder, uidValidity, uids));
    }

    @FunctionalInterface
    private interface ChannelWork<T> {
        T run(IMAPProtocol protocol) throws SyncException;
    }

    private <T> T onConnection(String folderName, String what, ChannelWork<T> work) throws MessagingException {
        if (broken || !store.isConnected()) {
            throw new SyncException(SyncException.Kind.CONNECTION_LOST, "The connection to " + server
                    + " is closed; open a new one.", null);
        }
        IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
        try {
            // A folder that is not open runs commands on the store's own connection: ours alone.
            @SuppressWarnings("unchecked")
            T result = (T) folder.doCommand(p -> {
                try {
                    return work.run(p);
                } catch (SyncException e) {
                    throw new Carrier(e);
                }
            });
            return result;
        } catch (MessagingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Carrier carrier) {
                    SyncException failure = carrier.failure;
                    broken |= failure.kind() != SyncException.Kind.REFUSED;
                    throw failure;
                }
            }
            broken = true;
            throw new SyncException(SyncException.Kind.CONNECTION_LOST, "The " + what + " with " + server + " stopped: "
                    + e.getMessage(), e);
        }
    }

    private FolderSync.Done run(IMAPProtocol p, FolderCache cache, SyncProgress progress) throws SyncException {
        ImapChannel channel = new ImapChannel(p, server);
        boolean qresync = options.useQresync() && p.hasCapability("QRESYNC") && p.hasCapability("ENABLE")
                && enableQresync(p, channel);
        boolean condstore = qresync || (options.useCondstore() && p.hasCapability("CONDSTORE"));
        return new FolderSync(channel, cache, options, progress, qresync, condstore).run();
    }

    /** ENABLE QRESYNC once per connection; used only if the server says it enabled it. */
    private boolean enableQresync(IMAPProtocol p, ImapChannel channel) throws SyncException {
        if (qresyncEnabledOn == p) {
            return true;
        }
        boolean[] enabled = {false};
        channel.run("ENABLE QRESYNC", null, 100, r -> {
            if (r.keyEquals("ENABLED")) {
                for (String word : r.rest().trim().split("\\s+")) {
                    enabled[0] |= word.equalsIgnoreCase("QRESYNC");
                }
            }
        });
        if (enabled[0]) {
            qresyncEnabledOn = p;
        }
        return enabled[0];
    }

    /** Counts of this connection's bytes since it was opened (login included). */
    public WireCounter wire() {
        return wire;
    }

    /**
     * Whether the server offered COMPRESS=DEFLATE and the options asked for it for this server (Angus then
     * compresses after login); see {@link SyncOptions#compressFor}.
     */
    public boolean compressed() {
        try {
            return compress && store.hasCapability("COMPRESS=DEFLATE");
        } catch (MessagingException e) {
            return false;
        }
    }

    public boolean isOpen() {
        return !broken && store.isConnected();
    }

    @Override
    public void close() throws MessagingException {
        store.close();
    }

    /** Carries a SyncException through Angus' ProtocolCommand, which may only throw ProtocolException. */
    private static final class Carrier extends ProtocolException {
        private static final long serialVersionUID = 1L;
        private final transient SyncException failure;

        Carrier(SyncException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }
}
