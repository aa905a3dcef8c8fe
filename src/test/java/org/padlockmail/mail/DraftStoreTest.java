package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftStoreTest {

    @TempDir
    Path folder;

    @Test
    void aDraftSurvivesARestartWithEverything() throws Exception {
        MessageDraft draft = new MessageDraft(List.of("Bob <bob@padlock.test>"), List.of("c@padlock.test"), List.of("d@padlock.test"),
                "回复：周报", "正文", "<p>正文</p>", List.of(folder.resolve("报告.pdf")), "<1@padlock.test>",
                List.of("<0@padlock.test>", "<1@padlock.test>"));
        String id = new DraftStore(folder.resolve("drafts")).save(null, draft);

        DraftStore afterRestart = new DraftStore(folder.resolve("drafts"));
        assertEquals(List.of(id), afterRestart.ids());
        assertEquals(Optional.of(draft), afterRestart.load(id));

        MessageDraft edited = MessageDraft.of(List.of("bob@padlock.test"), "edited", "new text");
        assertEquals(id, afterRestart.save(id, edited));
        assertEquals(Optional.of(edited), new DraftStore(folder.resolve("drafts")).load(id));
        afterRestart.discard(id);
        assertEquals(List.of(), afterRestart.ids());
    }

    @Test
    void idsCannotEscapeTheDraftsFolder() {
        assertThrows(IllegalArgumentException.class, () -> new DraftStore(folder).load("../accounts"));
    }
}
