package org.padlockmail.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;

/**
 * One logged-in IMAP connection of an account: folders, message lists, reading, flags, moving and
 * deleting, all by UID. Not thread-safe: an account uses it from its own single worker thread, never
 * from the JavaFX thread. Every connection it opens goes through {@link SecuredSocketFactory}, with a
 * fresh report to {@code reports}.
 */
public final class ImapSession implements AutoCloseable {

    private final IMAPStore store;
    private IMAPFolder selected;

    private ImapSession(IMAPStore store) {
        this.store = store;
    }

    public static ImapSession open(Account account, String password, SecureConnector connector,
                                   Consumer<ConnectionReport> reports) throws MailConnectionException {
        Endpoint endpoint = passwordMayBeSent(account);
        IMAPStore store = AngusLogin.imap(connector, endpoint, new Credentials(account.userName(), password),
                connector.deadline(), reports);
        return new ImapSession(store);
    }

    /**
     * How a logged-in connection of its own is tuned, for background work such as folder sync.
     *
     * @param readTimeout how long a read may wait for the server (connecting keeps the connector's deadline)
     * @param compress    ask for COMPRESS=DEFLATE after login when the server offers it
     * @param wire        counts the connection's bytes; may be null
     */
    public record StoreTuning(java.time.Duration readTimeout, boolean compress, WireCounter wire) {
    }

    /**
     * A logged-in Angus store on a connection of its own, made exactly as {@link #open} makes its
     * connections (our socket factory, TLS policy, trust and pins, a report per connection), for work that
     * must not queue behind the user's requests. Envelope addresses are taken as the server parsed them, not
     * validated, so that one malformed address cannot make a whole header listing unreadable. The caller
     * owns and closes it.
     */
    public static IMAPStore openStore(Account account, String password, SecureConnector connector,
                                      Consumer<ConnectionReport> reports, StoreTuning tuning) throws MailConnectionException {
        Endpoint endpoint = passwordMayBeSent(account);
        return AngusLogin.listingImap(connector, endpoint, new Credentials(account.userName(), password), tuning.readTimeout(),
                reports, tuning.compress(), tuning.wire());
    }

    private static Endpoint passwordMayBeSent(Account account) throws MailConnectionException {
        Endpoint endpoint = account.imap().endpoint(Service.IMAP);
        if (endpoint.mode() == SecurityMode.PLAIN && !account.imap().allowPlaintextPassword()) {
            throw new MailConnectionException(new ConnectionProblem(Outcome.PLAINTEXT, "The password was not sent: the "
                    + "connection to " + endpoint.address() + " is not encrypted, and sending a password over it was not "
                    + "explicitly allowed for this account.", null, null), null);
        }
        return endpoint;
    }

    /** Every folder with its role and counts (one STATUS per folder). */
    public List<FolderInfo> folders() throws MessagingException {
        List<FolderInfo> folders = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            IMAPFolder imap = (IMAPFolder) folder;
            String[] attributes = imap.getAttributes();
            boolean selectable = Arrays.stream(attributes).noneMatch(a -> a.equalsIgnoreCase("\\Noselect")
                    || a.equalsIgnoreCase("\\NonExistent"));
            int total = 0;
            int unread = 0;
            if (selectable) {
                Status status = (Status) imap.doCommand(p -> p.status(imap.getFullName(), new String[] {"MESSAGES", "UNSEEN"}));
                total = status.total;
                unread = status.unseen;
            }
            folders.add(new FolderInfo(imap.getFullName(), imap.getName(), FolderInfo.SpecialUse.of(imap.getFullName(), attributes),
                    total, unread, selectable));
        }
        return folders;
    }

    public void createFolder(String fullName) throws MessagingException {
        Folder folder = store.getFolder(fullName);
        if (!folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("The server did not create the folder " + fullName);
        }
    }

    public void renameFolder(String fullName, String newFullName) throws MessagingException {
        releaseIfSelected(fullName);
        if (!store.getFolder(fullName).renameTo(store.getFolder(newFullName))) {
            throw new MessagingException("The server did not rename " + fullName);
        }
    }

    public void deleteFolder(String fullName) throws MessagingException {
        releaseIfSelected(fullName);
        if (!store.getFolder(fullName).delete(true)) {
            throw new MessagingException("The server did not delete " + fullName);
        }
    }

    /** The newest {@code count} messages, newest first, in one batched fetch. */
    public List<MessageRow> newest(String folder, int count) throws MessagingException {
        IMAPFolder f = select(folder, Folder.READ_ONLY);
        int total = f.getMessageCount();
        if (total == 0) {
            return List.of();
        }
        List<MessageRow> rows = new ArrayList<>(rows(f, f.getMessages(Math.max(1, total - count + 1), total)));
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** The messages with UIDs in [from, to], oldest first, in one batched fetch. */
    public List<MessageRow> byUid(String folder, long from, long to) throws MessagingException {
        IMAPFolder f = select(folder, Folder.READ_ONLY);
        return rows(f, f.getMessagesByUID(from, to));
    }

    /** UID, flags and envelope for all messages in one FETCH, copied into rows (no per-message round trip). */
    static List<MessageRow> rows(IMAPFolder folder, Message[] messages) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.ENVELOPE);
        // One header instead of BODYSTRUCTURE: multipart/mixed is what carries attachments, at a fraction of the bytes.
        profile.add("Content-Type");
        folder.fetch(messages, profile);
        List<MessageRow> rows = new ArrayList<>(messages.length);
        for (Message message : messages) {
            if (message == null || message.isExpunged()) {
                continue;
            }
            IMAPMessage m = (IMAPMessage) message;
            Flags flags = m.getFlags();
            rows.add(new MessageRow(folder.getUID(m), flags.contains(Flags.Flag.SEEN), flags.contains(Flags.Flag.FLAGGED),
                    flags.contains(Flags.Flag.ANSWERED), MessageContents.instant(m.getSentDate()), MessageContents.instant(m.getReceivedDate()),
                    MessageContents.first(m.getFrom()), MessageContents.addresses(m.getRecipients(Message.RecipientType.TO)), m.getSubject(),
                    m.getMessageID(), m.getSizeLong(), hasAttachments(m)));
        }
        return rows;
    }

    private static boolean hasAttachments(IMAPMessage message) throws MessagingException {
        String[] type = message.getHeader("Content-Type");
        return type != null && type.length > 0 && type[0].trim().toLowerCase(Locale.ROOT).startsWith("multipart/mixed");
    }

    /** Reads one message without marking it seen (the reader decides that). */
    public MessageContent read(String folder, long uid) throws MessagingException, IOException {
        return MessageContents.of(uid, message(folder, uid, Folder.READ_ONLY));
    }

    /** Streams one attachment, decoded, to a file; returns its size in bytes. */
    public long saveAttachment(String folder, long uid, int index, Path target) throws MessagingException, IOException {
        Part part = MessageContents.attachmentPart(message(folder, uid, Folder.READ_ONLY), index);
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".part-", ".tmp");
        try (InputStream in = part.getInputStream()) {
            long size = Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            return size;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The message exactly as stored on the server. */
    public void writeSource(String folder, long uid, OutputStream out) throws MessagingException, IOException {
        message(folder, uid, Folder.READ_ONLY).writeTo(out);
    }

    /** The message exactly as stored on the server, in memory: what the cache keeps to read it again offline. */
    public byte[] source(String folder, long uid) throws MessagingException, IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writeSource(folder, uid, out);
        return out.toByteArray();
    }

    /** The folder's UIDVALIDITY (by STATUS when it is not selected): a queued change names a UID of this generation only. */
    public long uidValidity(String folder) throws MessagingException {
        return ((IMAPFolder) store.getFolder(folder)).getUIDValidity();
    }

    public boolean isConnected() {
        return store.isConnected();
    }

    public void setFlag(String folder, long uid, Flags.Flag flag, boolean on) throws MessagingException {
        message(folder, uid, Folder.READ_WRITE).setFlag(flag, on);
    }

    /** Stores a message in a folder (Sent, Drafts); returns its UID when the server says it (UIDPLUS), else -1. */
    public long append(String folder, MimeMessage message, boolean seen) throws MessagingException {
        message.setFlag(Flags.Flag.SEEN, seen);
        AppendUID[] uids = ((IMAPFolder) store.getFolder(folder)).appendUIDMessages(new Message[] {message});
        return uids != null && uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
    }

    /**
     * Stores a new version of a draft in the Drafts folder and removes the previous one (by its UID, when
     * there is one), so the folder holds one copy per draft; returns the new UID, or -1 without UIDPLUS.
     */
    public long replaceDraft(String draftsFolder, MimeMessage draft, long previousUid) throws MessagingException {
        draft.setFlag(Flags.Flag.DRAFT, true);
        long uid = append(draftsFolder, draft, true);
        if (previousUid > 0) {
            IMAPFolder f = select(draftsFolder, Folder.READ_WRITE);
            Message previous = f.getMessageByUID(previousUid);
            if (previous != null) {
                expungeOne(f, previous);
            }
        }
        return uid;
    }

    /** Copies by UID; returns the copy's UID when the server says it (UIDPLUS), else -1. */
    public long copy(String from, long uid, String to) throws MessagingException {
        IMAPFolder f = select(from, Folder.READ_ONLY);
        AppendUID[] copies = f.copyUIDMessages(new Message[] {existing(f, uid)}, store.getFolder(to));
        return copies != null && copies.length == 1 && copies[0] != null ? copies[0].uid : -1;
    }

    /** Moves by UID: MOVE when the server has it, else COPY, then \Deleted and a UID EXPUNGE of just that message. */
    public void move(String from, long uid, String to) throws MessagingException {
        IMAPFolder f = select(from, Folder.READ_WRITE);
        Message message = existing(f, uid);
        if (store.hasCapability("MOVE")) {
            f.moveMessages(new Message[] {message}, store.getFolder(to));
        } else {
            f.copyMessages(new Message[] {message}, store.getFolder(to));
            expungeOne(f, message);
        }
    }

    /** Moves a message to Trash; in Trash (or with no Trash), removes it for good. */
    public void delete(String folder, long uid) throws MessagingException {
        String trash = folders().stream().filter(i -> i.specialUse() == FolderInfo.SpecialUse.TRASH)
                .map(FolderInfo::fullName).findFirst().orElse(null);
        if (trash == null || trash.equals(folder)) {
            IMAPFolder f = select(folder, Folder.READ_WRITE);
            expungeOne(f, existing(f, uid));
        } else {
            move(folder, uid, trash);
        }
    }

    private void expungeOne(IMAPFolder folder, Message message) throws MessagingException {
        message.setFlag(Flags.Flag.DELETED, true);
        if (store.hasCapability("UIDPLUS")) {
            folder.expunge(new Message[] {message});
        } else {
            folder.expunge();
        }
    }

    private MimeMessage message(String folder, long uid, int mode) throws MessagingException {
        return (MimeMessage) existing(select(folder, mode), uid);
    }

    private static Message existing(IMAPFolder folder, long uid) throws MessagingException {
        Message message = folder.getMessageByUID(uid);
        if (message == null) {
            throw new MessagingException("There is no message " + uid + " in " + folder.getFullName() + " any more");
        }
        return message;
    }

    /** Keeps one folder selected, reopening it only when the folder or a needed write mode changes. */
    private IMAPFolder select(String name, int mode) throws MessagingException {
        if (selected != null && selected.isOpen() && selected.getFullName().equals(name)
                && (selected.getMode() == mode || selected.getMode() == Folder.READ_WRITE)) {
            return selected;
        }
        if (selected != null && selected.isOpen()) {
            selected.close(false);
        }
        selected = (IMAPFolder) store.getFolder(name);
        selected.open(mode);
        return selected;
    }

    private void releaseIfSelected(String fullName) throws MessagingException {
        if (selected != null && selected.isOpen() && selected.getFullName().equals(fullName)) {
            selected.close(false);
            selected = null;
        }
    }

    @Override
    public void close() throws MessagingException {
        try {
            if (selected != null && selected.isOpen()) {
                selected.close(false);
            }
        } finally {
            store.close();
        }
    }
}
