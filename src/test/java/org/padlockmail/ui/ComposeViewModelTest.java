package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.padlockmail.ui.compose.ComposeViewModel;
import org.padlockmail.ui.main.AccountItem;

class ComposeViewModelTest {

    private final UiText text = new UiText(ResourceBundle.getBundle("org.padlockmail.ui.messages", Locale.ENGLISH),
            Locale.ENGLISH, ZoneOffset.UTC);
    private final AtomicInteger sent = new AtomicInteger();

    private ComposeViewModel model() {
        return new ComposeViewModel(text, FXCollections.<AccountItem>observableArrayList(), null,
                List.of("Ada Lovelace <ada@analytical.example>", "grace@navy.example"),
                (account, draft) -> {
                    sent.incrementAndGet();
                    return CompletableFuture.completedFuture("id");
                }, Runnable::run, Runnable::run);
    }

    @Test
    void everyFieldIsValidatedAndNothingIsSentWithoutAnAccountOrARecipient() {
        ComposeViewModel model = model();
        assertEquals("", model.addressProblemBinding().get());
        model.toProperty().set("ada@analytical.example, not an address");
        assertEquals("Not a valid address: not an address", model.addressProblemBinding().get());
        model.toProperty().set("Ada <ada@analytical.example>");
        model.bccProperty().set("grace@");
        assertTrue(model.addressProblemBinding().get().startsWith("Not a valid address"));
        model.bccProperty().set("");
        assertTrue(model.send().isCompletedExceptionally());
        assertEquals("Set up an account before sending.", model.resultProperty().get());
        assertEquals(0, sent.get());
    }

    @Test
    void completionOffersKnownAddressesForWhatIsTypedAfterTheLastComma() {
        ComposeViewModel model = model();
        assertEquals(List.of("Ada Lovelace <ada@analytical.example>"), model.completions("bob@x.example, ad"));
        assertEquals(List.of(), model.completions("a"), "one letter is too little to suggest");
        assertEquals(List.of("grace@navy.example"), model.completions("NAVY"));
    }
}
