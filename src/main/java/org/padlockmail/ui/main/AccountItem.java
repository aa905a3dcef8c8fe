package org.padlockmail.ui.main;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.DraftStore;
import org.padlockmail.mail.FolderInfo;
import org.padlockmail.mail.MailAccount;
import org.padlockmail.mail.Outbox;
import org.padlockmail.mail.cache.MessageOrder;
import org.padlockmail.ui.lock.ConnectionLocksViewModel;

/** One open account in the main window: its connections' locks, its folders, its outbox. */
public final class AccountItem {

    private final MailAccount mail;
    private final DraftStore drafts;
    private final ConnectionLocksViewModel locks;
    private final ObservableList<FolderInfo> folders = FXCollections.observableArrayList();
    private final ObservableList<Outbox.Entry> outbox = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    /** The sort the user chose per folder, as stored when the account opened and changed since; FX thread only. */
    private final Map<String, MessageOrder> orders;

    AccountItem(MailAccount mail, ConnectionLocksViewModel locks, DraftStore drafts, Map<String, MessageOrder> orders) {
        this.mail = mail;
        this.drafts = drafts;
        this.locks = locks;
        this.orders = new HashMap<>(orders);
    }

    public Account account() {
        return mail.account();
    }

    public MailAccount mail() {
        return mail;
    }

    /** Drafts kept on this computer, so they survive a restart and a lost connection. */
    public DraftStore drafts() {
        return drafts;
    }

    public ConnectionLocksViewModel locks() {
        return locks;
    }

    public ObservableList<FolderInfo> folders() {
        return folders;
    }

    /** What is waiting in the outbox, failed or needs the user, with reasons. */
    public ObservableList<Outbox.Entry> outbox() {
        return outbox;
    }

    /** The last thing that went wrong with this account, for the user; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The order the folder's list opens with: the user's last choice, else newest first. */
    MessageOrder order(String folder) {
        return orders.getOrDefault(folder, MessageOrder.NEWEST_FIRST);
    }

    void setOrder(String folder, MessageOrder order) {
        orders.put(folder, order);
    }

    void setProblem(String value) {
        problem.set(value == null ? "" : value);
    }

    @Override
    public String toString() {
        return account().displayName() == null || account().displayName().isBlank() ? account().address() : account().displayName();
    }
}
