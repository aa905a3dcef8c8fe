package org.padlockmail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.padlockmail.ui.message.SafeHtml;

/** The cleaning alone; RemoteContentBlockingTest shows the web view loads nothing with it. */
class SafeHtmlTest {

    private static final String DIRTY = "<p onclick='steal()'>Hi<script>steal()</script></p>"
            + "<img src='https://t.example/p.gif'><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
            + "<div style=\"color:red;background:url(https://t.example/bg.png)\">x</div>"
            + "<form action='https://evil.example'><input name=p></form><iframe src='https://f.example'></iframe>"
            + "<a href='https://real.example/target' onmouseover='x()'>https://bank.example</a>";

    @Test
    void scriptsFormsFramesAndHandlersGoRemoteLoadsAreCounted() {
        SafeHtml safe = SafeHtml.of(DIRTY, false);
        String html = safe.html();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("onclick") || html.contains("onmouseover"), html);
        assertFalse(html.contains("<form") || html.contains("<iframe"), html);
        assertFalse(html.contains("t.example"), "no remote address left in the page: " + html);
        assertTrue(html.contains("data:image/gif"), "inline data images stay");
        assertTrue(html.contains("color:red"), "harmless style stays");
        assertEquals(2, safe.blockedRemote(), "the image and the CSS background");
        assertTrue(html.contains("title=\"https://real.example/target\""), "a link shows its real target");
        assertTrue(html.contains("img-src data:;"), "the page's own policy forbids remote images too");
    }

    @Test
    void allowedRemoteContentKeepsImagesButNeverScripts() {
        SafeHtml safe = SafeHtml.of(DIRTY, true);
        assertTrue(safe.html().contains("https://t.example/p.gif"));
        assertTrue(safe.html().contains("url(https://t.example/bg.png)"));
        assertFalse(safe.html().contains("<script"));
        assertEquals(0, safe.blockedRemote());
    }

    @Test
    void plainTextIsEscaped() {
        String html = SafeHtml.ofText("<b>not bold</b> & <script>").html();
        assertTrue(html.contains("&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;script&gt;"), html);
    }
}
