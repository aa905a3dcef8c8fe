package org.padlockmail.mail.sync;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.LiteralException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * Commands over Angus' protocol layer whose untagged answers are handed over one at a time, as they are
 * read, instead of being collected into one array as {@code Protocol.command} does. Any failure that may
 * leave the connection out of step (I/O, BYE, an unreadable or endless answer) disconnects it.
 */
final class ImapChannel {

    /** Handles one untagged response. */
    @FunctionalInterface
    interface Untagged {
        void accept(Answer answer) throws SyncException;
    }

    private final IMAPProtocol protocol;
    private final ResponseReader reader;
    private final String server;
    private boolean broken;
    /** Tags of commands sent and not answered, with the command's name, in the order sent. */
    private final Map<String, String> inFlight = new LinkedHashMap<>();
    /** Tags of commands answered OK while waiting for another command. */
    private final Set<String> completed = new HashSet<>();

    /** A channel over {@code protocol} as it is now: make a new one after anything that replaced its stream (COMPRESS). */
    ImapChannel(IMAPProtocol protocol, String server) {
        this.protocol = protocol;
        this.reader = ResponseReader.of(protocol);
        this.server = server;
    }

    boolean broken() {
        return broken;
    }

    boolean hasCapability(String name) {
        return protocol.hasCapability(name);
    }

    /** A mailbox name as the protocol wants it: UTF-8 when enabled, else modified UTF-7. */
    Argument mailbox(String name) {
        Argument args = new Argument();
        if (protocol.supportsUtf8()) {
            args.writeString(name, java.nio.charset.StandardCharsets.UTF_8);
        } else {
            args.writeString(BASE64MailboxEncoder.encode(name));
        }
        return args;
    }

    /**
     * Sends a command and streams its untagged answers to {@code untagged}, until its tagged OK.
     *
     * @param maxUntagged more untagged answers than this is an endless answer: the sync stops instead of looping
     */
    void run(String command, Argument args, long maxUntagged, Untagged untagged) throws SyncException {
        synchronized (protocol) {
            await(send(command, args), maxUntagged, untagged);
        }
    }

    /**
     * Sends a command without waiting for its answer, so that several can be in flight (IMAP allows it);
     * {@link #await} its tag later. Untagged answers read meanwhile go to whichever {@code await} reads them.
     */
    String send(String command, Argument args) throws SyncException {
        synchronized (protocol) {
            String tag;
            try {
                tag = protocol.writeCommand(command, args);
            } catch (LiteralException e) {
                // The server answered instead of taking a literal (allowed, RFC 3501 7.5): still in step.
                Response r = e.getResponse();
                throw new SyncException(SyncException.Kind.REFUSED, "The server " + server + " refused " + name(command)
                        + ": " + (r != null && r.isNO() ? "NO " : "BAD ") + (r == null ? "" : r.getRest()), null);
            } catch (IOException | ProtocolException e) {
                throw lost("could not send " + name(command), e);
            }
            inFlight.put(tag, name(command));
            return tag;
        }
    }

    /**
     * Reads answers until the tagged one of {@code tag}, handing every untagged one to {@code untagged}. The
     * tagged answer of another command in flight may come first: it is kept for its own {@code await}.
     * A NO or BAD to any command ends the sync.
     */
    void await(String tag, long maxUntagged, Untagged untagged) throws SyncException {
        synchronized (protocol) {
            String name = inFlight.get(tag);
            if (name == null) {
                if (!completed.remove(tag)) {
                    throw new IllegalStateException("no command in flight with tag " + tag);
                }
                return;
            }
            long count = 0;
            while (true) {
                Answer r;
                try {
                    r = reader.next();
                } catch (IOException e) {
                    throw lost("the connection broke during " + name, e);
                } catch (ProtocolException e) {
                    throw violation("sent an unreadable answer to " + name + " (" + e.getMessage() + ")", e);
                }
                if (r.status() == Answer.Status.BYE) {
                    throw lost("the server closed the connection during " + name + ": " + r.rest(), null);
                }
                if (r.isTagged()) {
                    String answered = inFlight.remove(r.tag());
                    if (answered == null) {
                        throw violation("answered a command that was never sent (tag " + r.tag() + ")", null);
                    }
                    if (!r.isOK()) {
                        throw new SyncException(SyncException.Kind.REFUSED, "The server " + server + " refused "
                                + answered + ": " + (r.status() == Answer.Status.NO ? "NO " : "BAD ") + r.rest(), null);
                    }
                    if (r.tag().equals(tag)) {
                        return;
                    }
                    completed.add(r.tag());
                    continue;
                }
                if (r.isContinuation()) {
                    throw violation("asked for more data in the middle of " + name, null);
                }
                if (++count > maxUntagged) {
                    throw violation("kept sending answers to " + name + " (more than " + maxUntagged + ")", null);
                }
                untagged.accept(r);
            }
        }
    }

    /**
     * After a failure on this side (the cache), reads the answers of every command still in flight and drops
     * them, so the connection is in step again for the next sync; if that fails, the connection is closed.
     */
    void drain(long maxUntagged) {
        try {
            for (String tag : List.copyOf(inFlight.keySet())) {
                await(tag, maxUntagged, r -> { });
            }
        } catch (SyncException | RuntimeException e) {
            disconnect();
        }
        inFlight.clear();
        completed.clear();
    }

    private static String name(String command) {
        String[] words = command.split(" ", 3);
        return words[0].equals("UID") && words.length > 1 ? "UID " + words[1] : words[0];
    }

    /** What EXAMINE said of a folder, for commands that need no more of it than its identity and size. */
    record Examined(long uidValidity, long exists) {
    }

    /**
     * Opens {@code folder} read-only; a folder without a valid UIDVALIDITY or message count is a violation.
     * UIDs of the cache are only worth asking about when its UIDVALIDITY is this one.
     */
    Examined examine(String folder, long maxUntagged) throws SyncException {
        long[] uidValidity = {0};
        long[] exists = {-1};
        run("EXAMINE", mailbox(folder), maxUntagged, r -> {
            String rest = r.rest();
            if (r.isOK() && rest != null && rest.toUpperCase(Locale.ROOT).startsWith("[UIDVALIDITY ")) {
                int end = rest.indexOf(']');
                uidValidity[0] = uid(rest.substring("[UIDVALIDITY ".length(), end < 0 ? rest.length() : end).trim(), "UIDVALIDITY");
            } else if (r.keyEquals("EXISTS")) {
                exists[0] = r.number();
            }
        });
        if (uidValidity[0] == 0 || exists[0] < 0) {
            throw violation("opened " + folder + " without its UIDVALIDITY or size", null);
        }
        return new Examined(uidValidity[0], exists[0]);
    }

    /** A UID as the protocol allows it (1 to 2^32 - 1); anything else is a violation that closes the connection. */
    long uid(String text, String where) throws SyncException {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 1 && value <= 0xFFFF_FFFFL) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw violation("sent a malformed UID set in " + where, null);
    }

    SyncException violation(String what, Exception cause) {
        disconnect();
        return new SyncException(SyncException.Kind.PROTOCOL_VIOLATION, "The server " + server + " " + what
                + "; the sync stopped and the connection was closed.", cause);
    }

    private SyncException lost(String what, Exception cause) {
        disconnect();
        return new SyncException(SyncException.Kind.CONNECTION_LOST, "The sync with " + server + " stopped: " + what
                + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "") + ".", cause);
    }

    private void disconnect() {
        broken = true;
        protocol.disconnect();
    }
}
