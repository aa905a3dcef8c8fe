package org.padlockmail.ui;

import java.util.HashMap;
import java.util.Map;
import org.padlockmail.mail.cache.MessageOrder;

/**
 * The order the user chose for each folder's message list, by account id and folder name, as Thunderbird
 * keeps a sort per folder. A folder not listed opens newest first; the default is not stored.
 */
public record ListOrders(Map<String, Map<String, MessageOrder>> accounts) {

    public static final ListOrders NONE = new ListOrders(Map.of());

    public ListOrders {
        Map<String, Map<String, MessageOrder>> copy = new HashMap<>();
        if (accounts != null) {
            accounts.forEach((account, folders) -> {
                if (account != null && folders != null && !folders.isEmpty()) {
                    copy.put(account, Map.copyOf(folders));
                }
            });
        }
        accounts = Map.copyOf(copy);
    }

    /** The orders chosen in one account's folders, by folder name. */
    public Map<String, MessageOrder> of(String accountId) {
        return accounts.getOrDefault(accountId, Map.of());
    }

    public ListOrders with(String accountId, String folder, MessageOrder order) {
        Map<String, Map<String, MessageOrder>> changed = new HashMap<>(accounts);
        Map<String, MessageOrder> folders = new HashMap<>(accounts.getOrDefault(accountId, Map.of()));
        if (order.equals(MessageOrder.NEWEST_FIRST)) {
            folders.remove(folder);
        } else {
            folders.put(folder, order);
        }
        changed.put(accountId, folders);
        return new ListOrders(changed);
    }

    public ListOrders without(String accountId) {
        Map<String, Map<String, MessageOrder>> changed = new HashMap<>(accounts);
        changed.remove(accountId);
        return new ListOrders(changed);
    }
}
