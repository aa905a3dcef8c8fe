package org.padlockmail.ui.main;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ObservableListBase;
import org.padlockmail.mail.MessageRow;

/**
 * The message list as the table sees it: as long as the folder (or the search results), but holding only
 * a few pages of rows. A row not loaded yet is {@link #PLACEHOLDER} until its page arrives from a
 * {@link Source} (read off the JavaFX thread), then the page's rows are announced as updated. Pages are
 * kept in a small least-recently-used set, so scrolling through 100,000 messages keeps at most
 * {@code maxPages × PAGE_SIZE} rows. Used on the JavaFX thread only.
 */
public final class PagedMessageList extends ObservableListBase<MessageRow> {

    /** Where rows come from; both methods are called off the JavaFX thread. */
    public interface Source {
        int count();

        /** Rows {@code offset} to {@code offset + limit - 1} in list order. */
        List<MessageRow> page(int offset, int limit);
    }

    public static final int PAGE_SIZE = 200;
    /** What a row shows until its page is read: nothing, and it cannot be opened (UID 0 is no IMAP UID). */
    public static final MessageRow PLACEHOLDER = new MessageRow(0, true, false, false, null, null, "", List.of(), "", null, 0, false);

    /** No rows: what the list shows with no folder open. */
    public static final Source NOTHING = new Source() {
        @Override
        public int count() {
            return 0;
        }

        @Override
        public List<MessageRow> page(int offset, int limit) {
            return List.of();
        }
    };

    private final Executor background;
    private final Executor fxThread;
    private final int maxPages;
    private final Map<Integer, List<MessageRow>> pages;
    /** Pages asked for and not read yet, the latest asked first: what the user scrolled to now comes before what they passed. */
    private final Deque<Integer> wanted = new ArrayDeque<>();
    private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper();
    private boolean changing;
    private Source source = NOTHING;
    private int size;
    /** Increases with every new source or reload; a page read for an older one is dropped. */
    private long generation;
    private boolean loading;
    private boolean reloading;
    private boolean reloadAgain;

    public PagedMessageList(Executor background, Executor fxThread, int maxPages) {
        this.background = background;
        this.fxThread = fxThread;
        this.maxPages = maxPages;
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, List<MessageRow>> eldest) {
                return size() > PagedMessageList.this.maxPages;
            }
        };
    }

    /** Shows another folder or search result: empty at once, then its count and first page together. */
    public void show(Source newSource) {
        source = Objects.requireNonNull(newSource);
        generation++;
        wanted.clear();
        int old = size;
        size = 0;
        pages.clear();
        if (old > 0) {
            fire(true, () -> nextRemove(0, Collections.nCopies(old, PLACEHOLDER)));
        }
        reload();
    }

    /**
     * Reads the count and the pages held now again (the folder changed under them) and shows them in one
     * change, without placeholders in between. Reloads asked for while one runs are folded into one more.
     */
    public void reload() {
        if (reloading) {
            reloadAgain = true;
            return;
        }
        reloading = true;
        long asOf = generation;
        Source from = source;
        List<Integer> held = pages.isEmpty() ? List.of(0) : List.copyOf(pages.keySet());
        readInBackground(() -> {
            Map<Integer, List<MessageRow>> read = new HashMap<>();
            int count;
            try {
                count = from.count();
                for (int page : held) {
                    if (page * PAGE_SIZE < count) {
                        read.put(page, from.page(page * PAGE_SIZE, PAGE_SIZE));
                    }
                }
            } catch (RuntimeException e) {
                count = -1; // the cache failed to read; what is shown stays
            }
            int newSize = count;
            fxThread.execute(() -> {
                reloading = false;
                if (asOf == generation && newSize >= 0) {
                    publish(newSize, read);
                }
                if (reloadAgain) {
                    reloadAgain = false;
                    reload();
                }
            });
        });
    }

    private void publish(int newSize, Map<Integer, List<MessageRow>> read) {
        if (newSize == size && read.equals(pages)) {
            return; // nothing changed where the user looks: rebuilding the table would only move things under the mouse
        }
        int old = size;
        size = newSize;
        pages.clear();
        pages.putAll(read);
        wanted.clear();
        fire(true, () -> {
            if (old > 0) {
                nextRemove(0, Collections.nCopies(old, PLACEHOLDER));
            }
            if (newSize > 0) {
                nextAdd(0, newSize);
            }
        });
    }

    /**
     * Fires one change, then counts it. While a change that moves rows is delivered, {@link #isChanging()}
     * is true; a page arriving moves nothing: its rows take the places of placeholders.
     */
    private void fire(boolean movesRows, Runnable steps) {
        changing = movesRows;
        try {
            beginChange();
            steps.run();
            endChange();
        } finally {
            changing = false;
        }
        changes.set(changes.get() + 1);
    }

    /**
     * Whether a change that moves rows is being delivered: a table's selection model moves its selection
     * to whatever index the change leaves, which says nothing about what the user selected. Not while a
     * page arrives: a row the user selected before its page was read becomes that row, at the same place.
     */
    public boolean isChanging() {
        return changing;
    }

    /** Counts the changes delivered: after each, a view selects again by UID what the user had selected. */
    public ReadOnlyIntegerProperty changeCountProperty() {
        return changes.getReadOnlyProperty();
    }

    @Override
    public MessageRow get(int index) {
        Objects.checkIndex(index, size);
        int page = index / PAGE_SIZE;
        List<MessageRow> rows = pages.get(page);
        if (rows == null) {
            want(page);
            return PLACEHOLDER;
        }
        int within = index % PAGE_SIZE;
        return within < rows.size() ? rows.get(within) : PLACEHOLDER;
    }

    /**
     * The row at this index if its page is held, else null: unlike {@link #get}, never asks for the page,
     * so looking over a selection of the whole folder does not read the whole folder.
     */
    public MessageRow loadedRow(int index) {
        List<MessageRow> rows = index >= 0 && index < size ? pages.get(index / PAGE_SIZE) : null;
        int within = index % PAGE_SIZE;
        return rows != null && within < rows.size() ? rows.get(within) : null;
    }

    @Override
    public int size() {
        return size;
    }

    /** Searches the loaded rows only: looking through every row would read the whole folder. */
    @Override
    public int indexOf(Object row) {
        return row instanceof MessageRow r && r != PLACEHOLDER ? indexOfUid(r.uid()) : -1;
    }

    @Override
    public int lastIndexOf(Object row) {
        return indexOf(row);
    }

    @Override
    public boolean contains(Object row) {
        return indexOf(row) >= 0;
    }

    /** Where the row with this UID is among the loaded rows, or -1. */
    public int indexOfUid(long uid) {
        for (Map.Entry<Integer, List<MessageRow>> page : pages.entrySet()) {
            List<MessageRow> rows = page.getValue();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).uid() == uid) {
                    return page.getKey() * PAGE_SIZE + i;
                }
            }
        }
        return -1;
    }

    /** How many rows are held now; bounded by {@code maxPages × PAGE_SIZE} whatever the folder's size. */
    public int heldRows() {
        return pages.values().stream().mapToInt(List::size).sum();
    }

    private void want(int page) {
        if (wanted.contains(page)) {
            return;
        }
        wanted.addFirst(page);
        loadNext();
    }

    /** Once the account's reader has stopped (the app or the account is closing), there is nothing more to show. */
    private void readInBackground(Runnable read) {
        try {
            background.execute(read);
        } catch (RejectedExecutionException closing) {
            reloading = false;
            loading = false;
        }
    }

    /** One page read at a time, the latest wanted first. */
    private void loadNext() {
        if (loading || wanted.isEmpty()) {
            return;
        }
        loading = true;
        int page = wanted.peekFirst();
        long asOf = generation;
        Source from = source;
        readInBackground(() -> {
            List<MessageRow> rows;
            try {
                rows = from.page(page * PAGE_SIZE, PAGE_SIZE);
            } catch (RuntimeException e) {
                rows = null;
            }
            List<MessageRow> read = rows;
            fxThread.execute(() -> {
                loading = false;
                wanted.remove(page);
                if (asOf == generation && read != null && page * PAGE_SIZE < size) {
                    pages.put(page, read);
                    int from0 = page * PAGE_SIZE;
                    int to = Math.min(size, from0 + PAGE_SIZE);
                    // Announced as updated, not replaced: a table clears its selection on a replace, and
                    // a row the user clicked before its page was read must stay selected as that row.
                    fire(false, () -> {
                        for (int i = from0; i < to; i++) {
                            nextUpdate(i);
                        }
                    });
                }
                loadNext();
            });
        });
    }
}
