package org.padlockmail.ui.message;

import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.padlockmail.mail.MessageContent;

/**
 * The message shown in the reader and how its body may be shown: remote content stays blocked unless
 * the user loads it for this message or always allows its sender.
 */
public final class MessageViewModel {

    private final ObjectProperty<MessageContent> message = new SimpleObjectProperty<>();
    private final BooleanProperty remoteAllowed = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<SafeHtml> page = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper blocked = new ReadOnlyIntegerWrapper();
    private final Set<String> trustedSenders;
    private final Consumer<String> rememberSender;

    /**
     * @param trustedSenders senders whose remote content always loads (lower-case addresses), kept current by the caller
     * @param rememberSender stores a sender as always allowed (off the JavaFX thread)
     */
    public MessageViewModel(Set<String> trustedSenders, Consumer<String> rememberSender) {
        this.trustedSenders = trustedSenders;
        this.rememberSender = rememberSender;
        message.addListener((o, was, now) -> {
            remoteAllowed.set(now != null && trustedSenders.contains(senderAddress(now)));
            render();
        });
        remoteAllowed.addListener((o, was, now) -> render());
    }

    public ObjectProperty<MessageContent> messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<SafeHtml> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** How many remote loads the shown page had taken out; the bar shows while this is above zero. */
    public ReadOnlyIntegerProperty blockedProperty() {
        return blocked.getReadOnlyProperty();
    }

    public void loadRemoteOnce() {
        remoteAllowed.set(true);
    }

    public void alwaysLoadFromSender() {
        MessageContent shown = message.get();
        if (shown != null) {
            String sender = senderAddress(shown);
            trustedSenders.add(sender);
            rememberSender.accept(sender);
            remoteAllowed.set(true);
        }
    }

    /** The sender's address alone, lower case: "Ada <ada@x>" → "ada@x". */
    public static String senderAddress(MessageContent content) {
        String from = content.from() == null ? "" : content.from();
        int open = from.lastIndexOf('<');
        int close = from.lastIndexOf('>');
        String address = open >= 0 && close > open ? from.substring(open + 1, close) : from;
        return address.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private void render() {
        MessageContent shown = message.get();
        SafeHtml safe = shown == null ? null
                : shown.html() != null ? SafeHtml.of(shown.html(), remoteAllowed.get()) : SafeHtml.ofText(shown.text());
        blocked.set(safe == null ? 0 : safe.blockedRemote());
        page.set(safe);
    }
}
