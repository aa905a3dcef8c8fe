package org.padlockmail.mail.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How typed text becomes FTS5 phrases and LIKE patterns. */
class SearchQueryTest {

    @Test
    void longWordsBecomeQuotedPhrasesShortOnesLikePatterns() {
        SearchQuery query = SearchQuery.parse("  Quarterly 会议  report ");
        assertEquals("\"Quarterly\" \"report\"", query.match());
        assertEquals(List.of("%会议%"), query.likes());
    }

    @Test
    void quotesInsideAWordAreDoubledSoTheyCannotCloseThePhrase() {
        assertEquals("\"NEAR(\"", SearchQuery.parse("NEAR(").match());
        // the parser never lets a quote into a word; if one got there, it still could not end the phrase
        assertEquals("\"a\"\" OR \"\"b\"", SearchQuery.phrase("a\" OR \"b"));
        assertEquals("\"it's\"", SearchQuery.parse("it's").match());
    }

    @Test
    void quotedTextIsOneWord() {
        assertEquals(List.of("final report", "x"), SearchQuery.words("\"final report\" x"));
        assertEquals(List.of("open", "quote rest"), SearchQuery.words("open \"quote rest"));
    }

    @Test
    void likeWildcardsAreEscaped() {
        assertEquals(List.of("%\\%%", "%a\\_%", "%\\\\%"), SearchQuery.parse("% a_ \\").likes());
    }

    @Test
    void lengthIsCountedInCharactersNotUtf16Units() {
        SearchQuery emoji = SearchQuery.parse("😀😀");
        assertNull(emoji.match());
        assertEquals(1, emoji.likes().size());
        assertTrue(SearchQuery.parse(" \t ").isEmpty());
    }
}
