package org.padlockmail.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.padlockmail.config.JsonFile;

/**
 * The accounts, one JSON file in the configuration folder ({@code accounts.json}). It changes only when
 * the user saves or removes an account: nothing that happens on the network (a failed login, a refused
 * certificate) touches it. A file that cannot be read is an error and is kept as it is.
 */
public final class AccountStore {

    private static final int FORMAT_VERSION = 1;

    private final JsonFile<StoredAccounts> json;

    public AccountStore(Path file) {
        this.json = new JsonFile<>(file, StoredAccounts.class, () -> new StoredAccounts(FORMAT_VERSION, List.of()));
    }

    public List<Account> all() throws IOException {
        try {
            return checked(json.read()).accounts();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JsonFile.UnreadableFileException e) {
            throw unreadable(e);
        }
    }

    private IOException unreadable(IOException e) {
        return new IOException("The accounts file " + json.path() + " cannot be read (" + e.getMessage()
                + "); it was left as it is.", e);
    }

    public Optional<Account> find(String id) throws IOException {
        return all().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Adds the account, or replaces the one with the same id, keeping the order of the list. */
    public void save(Account account) throws IOException {
        update(stored -> {
            List<Account> accounts = new ArrayList<>(checked(stored).accounts());
            int index = indexOf(accounts, account.id());
            if (index >= 0) {
                accounts.set(index, account);
            } else {
                accounts.add(account);
            }
            return new StoredAccounts(FORMAT_VERSION, accounts);
        });
    }

    public boolean remove(String id) throws IOException {
        boolean[] removed = {false};
        update(stored -> {
            List<Account> accounts = new ArrayList<>(checked(stored).accounts());
            removed[0] = accounts.removeIf(a -> a.id().equals(id));
            return new StoredAccounts(FORMAT_VERSION, accounts);
        });
        return removed[0];
    }

    private void update(UnaryOperator<StoredAccounts> change) throws IOException {
        try {
            json.update(change);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JsonFile.UnreadableFileException e) {
            throw unreadable(e);
        }
    }

    private static int indexOf(List<Account> accounts, String id) {
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private StoredAccounts checked(StoredAccounts stored) {
        if (stored.version() != FORMAT_VERSION || stored.accounts() == null) {
            throw new UncheckedIOException(new IOException(json.path() + " has an unknown format (version "
                    + stored.version() + "); it was left as it is"));
        }
        return stored;
    }

    record StoredAccounts(int version, List<Account> accounts) {
    }
}
