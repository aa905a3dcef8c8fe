package org.padlockmail.mail.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user typed in the search box, as SQL parameters. Words are separated by white space; text in
 * double quotes is one word, spaces included. Every word must match (AND), anywhere inside subject, from,
 * to or body text, case-insensitively.
 *
 * <ul>
 * <li>A word of three or more characters becomes an FTS5 phrase, {@code "word"} with inner quotes
 *     doubled: inside a phrase nothing is FTS5 syntax, so {@code NEAR(}, {@code *}, {@code -} or
 *     {@code OR} are searched for as text. The trigram index finds it as a substring.</li>
 * <li>A shorter word (two Chinese characters, "Q3") has no trigram: it becomes a LIKE pattern, with
 *     {@code %}, {@code _} and the escape character escaped, matched against subject and from only: a
 *     scan of 100,000 rows for a word found nowhere takes 50-80 ms here with those two, and would not
 *     stay under 100 ms with the recipients or bodies. Its case is folded for ASCII only.</li>
 * </ul>
 *
 * <p>Rows not indexed yet (see {@link SearchIndexer}) are matched against the long words by LIKE as
 * well, {@link #phraseLikes}, over subject, from, to and body text.
 *
 * @param match       the FTS5 MATCH expression, null when no word is long enough for it
 * @param likes       LIKE patterns (escape character {@code \}) that must each match subject or from
 * @param phraseLikes the words of {@code match} as LIKE patterns, for rows not in the index yet
 */
record SearchQuery(String match, List<String> likes, List<String> phraseLikes) {

    static SearchQuery parse(String input) {
        List<String> phrases = new ArrayList<>();
        List<String> phraseLikes = new ArrayList<>();
        List<String> likes = new ArrayList<>();
        for (String word : words(input)) {
            if (word.codePointCount(0, word.length()) >= 3) {
                phrases.add(phrase(word));
                phraseLikes.add('%' + escapeLike(word) + '%');
            } else {
                likes.add('%' + escapeLike(word) + '%');
            }
        }
        return new SearchQuery(phrases.isEmpty() ? null : String.join(" ", phrases), List.copyOf(likes),
                List.copyOf(phraseLikes));
    }

    boolean isEmpty() {
        return match == null && likes.isEmpty();
    }

    /** An FTS5 string: inside it nothing is syntax, and a quote is written twice. */
    static String phrase(String word) {
        return '"' + word.replace("\"", "\"\"") + '"';
    }

    static List<String> words(String input) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                flush(word, words);
            } else if (!quoted && Character.isWhitespace(c)) {
                flush(word, words);
            } else {
                word.append(c);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        String text = word.toString().strip();
        if (!text.isEmpty()) {
            words.add(text);
        }
        word.setLength(0);
    }

    private static String escapeLike(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
