package org.padlockmail.mail.cache;

/**
 * The searches of {@link SearchTest} right after a sync wrote the rows, before the search index has them:
 * the same hits, found by scanning the rows not indexed yet.
 */
class SearchBeforeIndexingTest extends SearchTest {

    @Override
    protected boolean indexed() {
        return false;
    }
}
