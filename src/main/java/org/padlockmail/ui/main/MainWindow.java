package org.padlockmail.ui.main;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.padlockmail.mail.FolderInfo;
import org.padlockmail.mail.MessageContent;
import org.padlockmail.mail.MessageDraft;
import org.padlockmail.mail.MessageRow;
import org.padlockmail.mail.cache.MessageOrder;
import org.padlockmail.security.LockState;
import org.padlockmail.ui.UiText;
import org.padlockmail.ui.lock.ConnectionLocksViewModel;
import org.padlockmail.ui.lock.LockIndicator;
import org.padlockmail.ui.message.MessageView;
import org.padlockmail.ui.message.MessageViewModel;

/**
 * The main window: accounts and folders, the message list, the reader, and a status bar with one lock
 * per connection of the selected account. Thin: the state is in {@link MainViewModel}.
 */
public final class MainWindow extends BorderPane {

    /** What the window asks its surroundings to do: other windows, dialogs and the system browser. */
    public interface Actions {
        void compose(MessageDraft draft);

        void addAccount();

        void editAccount(AccountItem account);

        /** Asks first; removes the settings and the stored password, keeps the pins. */
        void removeAccount(AccountItem account);

        /** Drafts saved on this computer, to continue one in the compose window. */
        void continueDraft();

        void preferences(AccountItem account);

        void showReport(ConnectionLocksViewModel.Lock lock);

        void openLink(String url);

        void saveAttachment(AccountItem account, String folder, MessageContent message, MessageContent.Attachment attachment);

        void openAttachment(AccountItem account, String folder, MessageContent message, MessageContent.Attachment attachment);

        void quit();
    }

    private static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");

    private final MainViewModel model;
    private final UiText text;
    private final Actions actions;
    private final TreeView<Object> folders = new TreeView<>(new TreeItem<>());
    private final TableView<MessageRow> list = new TableView<>();
    /** While the selection is being put back after the list changed: that is not the user choosing. */
    private boolean restoringSelection;
    private final MessageViewModel reader;

    public MainWindow(MainViewModel model, MessageViewModel reader, Actions actions) {
        this.model = model;
        this.text = model.text();
        this.actions = actions;
        this.reader = reader;
        getStyleClass().add("main-window");
        reader.messageProperty().bind(model.messageProperty());

        VBox top = new VBox(menus(), toolbar());
        setTop(top);

        // The three panes are built when the first account opens: a first start (the welcome) does not
        // pay for styling a tree, a table and a reader nobody sees yet.
        StackPane center = new StackPane(welcome());
        setCenter(center);
        if (model.accounts().isEmpty()) {
            model.accounts().addListener(new ListChangeListener<AccountItem>() {
                @Override
                public void onChanged(Change<? extends AccountItem> change) {
                    if (!model.accounts().isEmpty()) {
                        model.accounts().removeListener(this);
                        center.getChildren().add(0, panes());
                    }
                }
            });
        } else {
            center.getChildren().add(0, panes());
        }
        setBottom(statusBar());
    }

    private SplitPane panes() {
        MessageView view = new MessageView(reader, text, actions::openLink, new MessageView.AttachmentActions() {
            @Override
            public void save(MessageContent message, MessageContent.Attachment attachment) {
                actions.saveAttachment(model.selectedAccountProperty().get(), model.selectedFolderProperty().get(), message, attachment);
            }

            @Override
            public void open(MessageContent message, MessageContent.Attachment attachment) {
                actions.openAttachment(model.selectedAccountProperty().get(), model.selectedFolderProperty().get(), message, attachment);
            }
        });
        SplitPane panes = new SplitPane(folderPane(), listPane(), view);
        panes.setDividerPositions(0.17, 0.6);
        SplitPane.setResizableWithParent(panes.getItems().get(0), false);
        panes.visibleProperty().bind(model.noAccountBinding().not());
        return panes;
    }

    public TableView<MessageRow> messageList() {
        return list;
    }

    public TreeView<Object> folderTree() {
        return folders;
    }

    private MenuBar menus() {
        Menu file = new Menu(text.get("menu.file"));
        file.getItems().addAll(
                item("action.compose", Feather.EDIT, new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::compose),
                item("action.getMail", Feather.REFRESH_CW, new KeyCodeCombination(KeyCode.F5), this::refresh),
                new SeparatorMenuItem(),
                item("action.addAccount", Feather.USER_PLUS, null, actions::addAccount),
                item("action.editAccount", Feather.USER, null, () -> withAccount(actions::editAccount)),
                item("action.removeAccount", Feather.USER_X, null, () -> withAccount(actions::removeAccount)),
                item("action.tryDemo", Feather.PLAY, null, model::startDemo),
                item("action.preferences", Feather.SETTINGS, new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                        () -> actions.preferences(model.selectedAccountProperty().get())),
                new SeparatorMenuItem(),
                item("action.quit", Feather.LOG_OUT, new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), actions::quit));
        Menu message = new Menu(text.get("menu.message"));
        message.getItems().addAll(
                item("action.continueDraft", Feather.FILE_TEXT, null, actions::continueDraft),
                new SeparatorMenuItem(),
                item("action.reply", Feather.CORNER_UP_LEFT, new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> reply(false)),
                item("action.replyAll", Feather.CORNER_UP_LEFT, new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), () -> reply(true)),
                item("action.forward", Feather.CORNER_UP_RIGHT, new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::forward),
                new SeparatorMenuItem(),
                item("action.markRead", Feather.EYE, null, () -> model.setSeen(selectedRows(), true)),
                item("action.markUnread", Feather.EYE_OFF, new KeyCodeCombination(KeyCode.U), () -> model.setSeen(selectedRows(), false)),
                item("action.flag", Feather.STAR, new KeyCodeCombination(KeyCode.S), () -> model.toggleFlagged(selectedRows())),
                item("action.delete", Feather.TRASH_2, new KeyCodeCombination(KeyCode.DELETE), () -> model.delete(selectedRows())));
        return new MenuBar(file, message);
    }

    private ToolBar toolbar() {
        MenuButton move = new MenuButton(text.get("action.move"), new FontIcon(Feather.FOLDER));
        move.setOnShowing(e -> move.getItems().setAll(moveTargets()));
        TextField search = new TextField();
        search.setId("search");
        search.setPromptText(text.get("search.prompt"));
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setPrefColumnCount(18);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(90);
        progress.visibleProperty().bind(model.busyBinding());
        return new ToolBar(
                button("action.getMail", Feather.REFRESH_CW, this::refresh),
                button("action.compose", Feather.EDIT, this::compose),
                button("action.reply", Feather.CORNER_UP_LEFT, () -> reply(false)),
                button("action.replyAll", Feather.USERS, () -> reply(true)),
                button("action.forward", Feather.CORNER_UP_RIGHT, this::forward),
                button("action.delete", Feather.TRASH_2, () -> model.delete(selectedRows())),
                move,
                button("action.markUnread", Feather.EYE_OFF, () -> model.setSeen(selectedRows(), false)),
                button("action.flag", Feather.STAR, () -> model.toggleFlagged(selectedRows())),
                spacer, progress, search);
    }

    private Node folderPane() {
        folders.setShowRoot(false);
        folders.setId("folders");
        folders.setCellFactory(v -> new FolderCell());
        model.accounts().addListener((ListChangeListener<AccountItem>) change -> rebuildTree());
        rebuildTree();
        folders.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            if (now.getValue() instanceof FolderInfo folder && folder.selectable()) {
                AccountItem account = (AccountItem) now.getParent().getValue();
                if (account != model.selectedAccountProperty().get() || !folder.fullName().equals(model.selectedFolderProperty().get())) {
                    model.selectFolder(account, folder.fullName());
                }
            } else if (now.getValue() instanceof AccountItem account) {
                model.selectedAccountProperty().set(account);
            }
        });
        folders.setMinWidth(170);
        return folders;
    }

    private void rebuildTree() {
        List<TreeItem<Object>> items = new ArrayList<>();
        for (AccountItem account : model.accounts()) {
            TreeItem<Object> node = new TreeItem<>(account);
            node.setExpanded(true);
            Runnable fill = () -> node.getChildren().setAll(account.folders().stream()
                    .sorted(Comparator.comparing((FolderInfo f) -> f.specialUse().ordinal()).thenComparing(FolderInfo::fullName))
                    .map(f -> new TreeItem<Object>(f)).toList());
            account.folders().addListener((ListChangeListener<FolderInfo>) c -> {
                Object selected = folders.getSelectionModel().getSelectedItem() == null ? null
                        : folders.getSelectionModel().getSelectedItem().getValue();
                fill.run();
                reselect(node, selected);
            });
            account.locks().imap().stateProperty().addListener((o, was, now) -> folders.refresh());
            fill.run();
            items.add(node);
        }
        folders.getRoot().getChildren().setAll(items);
    }

    /** Keeps the selected folder selected when the counts of the tree change. */
    private void reselect(TreeItem<Object> node, Object selected) {
        if (selected instanceof FolderInfo folder) {
            node.getChildren().stream().filter(i -> i.getValue() instanceof FolderInfo f && f.fullName().equals(folder.fullName()))
                    .findFirst().ifPresent(i -> folders.getSelectionModel().select(i));
        }
    }

    private Node listPane() {
        list.setId("messages");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label(text.get("list.empty")));
        TableColumn<MessageRow, MessageRow> marks = new TableColumn<>("");
        marks.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        marks.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(MessageRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                HBox icons = new HBox(3);
                if (row.flagged()) {
                    icons.getChildren().add(mark(Feather.STAR, "mark-flagged"));
                }
                if (row.attachments()) {
                    icons.getChildren().add(mark(Feather.PAPERCLIP, "mark-attachment"));
                }
                if (row.answered()) {
                    icons.getChildren().add(mark(Feather.CORNER_UP_LEFT, "mark-answered"));
                }
                setGraphic(icons);
            }
        });
        marks.setPrefWidth(56);
        marks.setMaxWidth(56);
        marks.setMinWidth(56);
        marks.setSortable(false);
        TableColumn<MessageRow, String> from = new TableColumn<>(text.get("list.from"));
        from.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(sender(c.getValue().from())));
        from.setPrefWidth(140);
        TableColumn<MessageRow, String> subject = new TableColumn<>(text.get("list.subject"));
        subject.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().subject() == null ? "" : c.getValue().subject()));
        subject.setPrefWidth(240);
        TableColumn<MessageRow, Instant> date = new TableColumn<>(text.get("list.date"));
        date.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sent() != null ? c.getValue().sent() : c.getValue().received()));
        date.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Instant value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : text.shortDate(value, Instant.now()));
            }
        });
        date.setPrefWidth(130);
        date.setMinWidth(100);
        list.getColumns().addAll(List.of(marks, from, subject, date));
        // The cache sorts (the list holds a few pages, not the folder): a click on a header only says which order.
        from.setUserData(MessageOrder.Column.SENDER);
        subject.setUserData(MessageOrder.Column.SUBJECT);
        date.setUserData(MessageOrder.Column.DATE);
        date.setSortType(TableColumn.SortType.DESCENDING);
        list.getSortOrder().add(date);
        list.setSortPolicy(table -> {
            // Later, not inside TableView.sort: a list changing under it there breaks its selection bookkeeping.
            // The headers are read then, not now: a click passes through states (no column sorted) that, handed
            // over one by one, would come back through showOrder and undo each other without end.
            Platform.runLater(() -> model.orderProperty().set(orderOf(list)));
            return true;
        });
        // A folder opens in the order chosen for it last time: the headers show it.
        model.orderProperty().addListener((o, was, now) -> showOrder(list, now));
        showOrder(list, model.orderProperty().get());
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.setItems(model.visibleRows());
        // The list is read again after every sync batch; the rows the user had selected stay selected.
        model.visibleRows().changeCountProperty().addListener((o, was, now) -> restoreSelection());
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<MessageRow>) change -> {
            if (!model.visibleRows().isChanging() && !restoringSelection) {
                model.selectedUids().clear();
                model.selectedUids().addAll(selectedLoadedUids());
            }
        });
        list.setRowFactory(v -> new TableRow<>() {
            @Override
            protected void updateItem(MessageRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(UNREAD, !empty && row != null && !row.seen());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (model.visibleRows().isChanging()) {
                return; // moved by the list's change, not by the user
            }
            if (now != null && now != PagedMessageList.PLACEHOLDER) {
                model.selectedUidProperty().set(now.uid());
            }
            if (now != null && now != PagedMessageList.PLACEHOLDER && list.getSelectionModel().getSelectedItems().size() == 1
                    && (model.messageProperty().get() == null || model.messageProperty().get().uid() != now.uid())) {
                model.open(now);
            }
        });
        ContextMenu menu = new ContextMenu(
                item("action.reply", Feather.CORNER_UP_LEFT, null, () -> reply(false)),
                item("action.forward", Feather.CORNER_UP_RIGHT, null, this::forward),
                item("action.markRead", Feather.EYE, null, () -> model.setSeen(selectedRows(), true)),
                item("action.markUnread", Feather.EYE_OFF, null, () -> model.setSeen(selectedRows(), false)),
                item("action.flag", Feather.STAR, null, () -> model.toggleFlagged(selectedRows())),
                item("action.delete", Feather.TRASH_2, null, () -> model.delete(selectedRows())));
        list.setContextMenu(menu);
        return list;
    }

    private Parent welcome() {
        Label title = new Label(text.get("welcome.title"));
        title.getStyleClass().add("welcome-title");
        Label body = new Label(text.get("welcome.body"));
        body.setWrapText(true);
        body.setMaxWidth(520);
        Button demo = new Button(text.get("action.tryDemo"), new FontIcon(Feather.PLAY));
        demo.setId("try-demo");
        demo.getStyleClass().add("accent");
        demo.setDefaultButton(true);
        demo.setOnAction(e -> model.startDemo());
        demo.disableProperty().bind(model.busyBinding());
        Button add = new Button(text.get("action.addAccount"), new FontIcon(Feather.USER_PLUS));
        add.setId("add-account");
        add.setOnAction(e -> actions.addAccount());
        HBox buttons = new HBox(12, demo, add);
        buttons.setAlignment(Pos.CENTER);
        FontIcon mark = new FontIcon(Feather.LOCK);
        mark.setIconSize(64);
        mark.getStyleClass().add("welcome-mark");
        VBox box = new VBox(18, mark, title, body, buttons);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(40));
        box.visibleProperty().bind(model.noAccountBinding());
        box.getStyleClass().add("welcome");
        return box;
    }

    private Node statusBar() {
        LockIndicator imap = new LockIndicator();
        imap.setId("imap-lock");
        imap.serviceProperty().set("IMAP");
        LockIndicator smtp = new LockIndicator();
        smtp.setId("smtp-lock");
        smtp.serviceProperty().set("SMTP");
        Runnable bind = () -> {
            AccountItem account = model.selectedAccountProperty().get();
            for (LockIndicator indicator : List.of(imap, smtp)) {
                indicator.stateProperty().unbind();
                indicator.summaryProperty().unbind();
                indicator.setState(LockState.OFFLINE);
            }
            if (account != null) {
                account.locks().imap().bind(imap);
                account.locks().smtp().bind(smtp);
            }
        };
        model.selectedAccountProperty().addListener((o, was, now) -> bind.run());
        bind.run();
        imap.onActionProperty().set(e -> withAccount(a -> actions.showReport(a.locks().imap())));
        smtp.onActionProperty().set(e -> withAccount(a -> actions.showReport(a.locks().smtp())));
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.statusProperty());
        status.setTooltip(tip);
        Label count = new Label();
        count.textProperty().bind(Bindings.createStringBinding(() -> text.format("list.count", model.visibleRows().size()),
                model.visibleRows()));
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.setPrefWidth(120);
        progress.visibleProperty().bind(model.busyBinding());
        HBox bar = new HBox(10, imap, smtp, status, count, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private List<MenuItem> moveTargets() {
        AccountItem account = model.selectedAccountProperty().get();
        if (account == null) {
            return List.of();
        }
        return account.folders().stream().filter(FolderInfo::selectable)
                .filter(f -> !f.fullName().equals(model.selectedFolderProperty().get()))
                .map(f -> {
                    MenuItem target = new MenuItem(folderName(f));
                    target.setOnAction(e -> model.move(selectedRows(), f.fullName()));
                    return target;
                }).toList();
    }

    private void refresh() {
        withAccount(model::refresh);
    }

    private void compose() {
        actions.compose(null);
    }

    private void reply(boolean all) {
        MessageContent shown = model.messageProperty().get();
        AccountItem account = model.selectedAccountProperty().get();
        if (shown != null && account != null) {
            actions.compose(org.padlockmail.mail.Replies.reply(shown, account.account().address(), all,
                    java.time.ZoneId.systemDefault(), text.locale()));
        }
    }

    private void forward() {
        MessageContent shown = model.messageProperty().get();
        if (shown != null) {
            actions.compose(org.padlockmail.mail.Replies.forward(shown));
        }
    }

    private void withAccount(Consumer<AccountItem> action) {
        AccountItem account = model.selectedAccountProperty().get();
        if (account != null) {
            action.accept(account);
        }
    }

    /** The order the column headers show: newest first when no column is sorted. */
    private static MessageOrder orderOf(TableView<MessageRow> list) {
        TableColumn<MessageRow, ?> first = list.getSortOrder().isEmpty() ? null : list.getSortOrder().get(0);
        return first == null ? MessageOrder.NEWEST_FIRST : new MessageOrder(
                (MessageOrder.Column) first.getUserData(), first.getSortType() == TableColumn.SortType.DESCENDING);
    }

    /** Puts the sort arrow on the column of {@code order}, unless it is there already (a click put it there). */
    private static void showOrder(TableView<MessageRow> list, MessageOrder order) {
        TableColumn<MessageRow, ?> column = list.getColumns().stream()
                .filter(c -> c.getUserData() == order.column()).findFirst().orElseThrow();
        TableColumn.SortType type = order.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING;
        if (list.getSortOrder().size() == 1 && list.getSortOrder().get(0) == column && column.getSortType() == type) {
            return;
        }
        column.setSortType(type);
        list.getSortOrder().setAll(List.of(column));
    }

    /**
     * Selects again, by UID, the rows the user had selected before the list changed under them, the one
     * clicked last as the selected row. A row not read (or gone) is not selected: never a stranger in its place.
     */
    private void restoreSelection() {
        PagedMessageList rows = model.visibleRows();
        List<Long> wanted = new ArrayList<>(model.selectedUids());
        if (wanted.isEmpty()) {
            return;
        }
        if (Set.copyOf(selectedLoadedUids()).equals(Set.copyOf(wanted))
                && list.getSelectionModel().getSelectedIndices().size() == wanted.size()) {
            return;
        }
        long last = model.selectedUidProperty().get();
        wanted.sort(Comparator.comparing(uid -> uid == last)); // the last one selected becomes the selected row
        int[] indices = wanted.stream().mapToInt(rows::indexOfUid).filter(index -> index >= 0).toArray();
        restoringSelection = true;
        try {
            list.getSelectionModel().clearSelection();
            if (indices.length > 0) {
                list.getSelectionModel().selectIndices(indices[0], Arrays.copyOfRange(indices, 1, indices.length));
            }
        } finally {
            restoringSelection = false;
        }
    }

    /**
     * The UIDs of the selected rows whose page is read. Goes by index and never asks for a page: after a
     * select-all, looking at every selected row through the list would read the whole folder.
     */
    private List<Long> selectedLoadedUids() {
        PagedMessageList rows = model.visibleRows();
        return list.getSelectionModel().getSelectedIndices().stream().map(rows::loadedRow)
                .filter(row -> row != null && row != PagedMessageList.PLACEHOLDER).map(MessageRow::uid).toList();
    }

    private List<MessageRow> selectedRows() {
        return List.copyOf(list.getSelectionModel().getSelectedItems());
    }

    private static FontIcon mark(Ikon icon, String styleClass) {
        FontIcon mark = new FontIcon(icon);
        mark.getStyleClass().add(styleClass);
        return mark;
    }

    private MenuItem item(String key, Ikon icon, KeyCombination shortcut, Runnable action) {
        MenuItem item = new MenuItem(text.get(key), new FontIcon(icon));
        if (shortcut != null) {
            item.setAccelerator(shortcut);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Button button(String key, Ikon icon, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setTooltip(new Tooltip(text.get(key)));
        button.setId(key.replace('.', '-'));
        button.setOnAction(e -> action.run());
        return button;
    }

    private String folderName(FolderInfo folder) {
        return switch (folder.specialUse()) {
            case INBOX -> text.get("folder.inbox");
            case SENT -> text.get("folder.sent");
            case DRAFTS -> text.get("folder.drafts");
            case TRASH -> text.get("folder.trash");
            case JUNK -> text.get("folder.junk");
            case ARCHIVE -> text.get("folder.archive");
            case NONE -> folder.name();
        };
    }

    /** "Ada Lovelace <ada@x>" → "Ada Lovelace"; a bare address stays. */
    private static String sender(String from) {
        if (from == null) {
            return "";
        }
        int open = from.lastIndexOf(" <");
        return open > 0 ? from.substring(0, open) : from;
    }

    private final class FolderCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("account-cell", "folder-cell", "has-unread");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (item instanceof AccountItem account) {
                LockState state = account.locks().imap().stateProperty().get();
                FontIcon lock = new FontIcon(state == LockState.SECURE || state == LockState.PINNED ? Feather.LOCK : Feather.UNLOCK);
                lock.getStyleClass().addAll("account-lock", "lock-" + state.id());
                setGraphic(lock);
                setText(account.toString());
                getStyleClass().add("account-cell");
                Tooltip tip = new Tooltip(account.account().address() + "\n" + account.locks().imap().summaryProperty().get());
                setTooltip(tip);
            } else if (item instanceof FolderInfo folder) {
                setGraphic(new FontIcon(switch (folder.specialUse()) {
                    case INBOX -> Feather.INBOX;
                    case SENT -> Feather.SEND;
                    case DRAFTS -> Feather.FILE_TEXT;
                    case TRASH -> Feather.TRASH_2;
                    case JUNK -> Feather.SLASH;
                    case ARCHIVE -> Feather.ARCHIVE;
                    case NONE -> Feather.FOLDER;
                }));
                setText(folder.unread() > 0 ? folderName(folder) + "  (" + folder.unread() + ")" : folderName(folder));
                getStyleClass().add("folder-cell");
                if (folder.unread() > 0) {
                    getStyleClass().add("has-unread");
                }
                setTooltip(null);
            }
        }
    }
}
