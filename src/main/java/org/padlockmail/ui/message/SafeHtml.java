package org.padlockmail.ui.message;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * A message body made safe to show: scripts, forms, frames, objects, style sheets and event handlers
 * removed by jsoup's cleaner; remote images and CSS {@code url(...)}s taken out unless the user allowed
 * remote content; and a Content-Security-Policy in the page as a second wall, so that whatever slips
 * through the cleaning still cannot load.
 *
 * @param html          the complete page to hand to the web view
 * @param blockedRemote how many remote loads were taken out (0 when allowed or when there were none)
 */
public record SafeHtml(String html, int blockedRemote) {

    private static final Pattern CSS_URL = Pattern.compile("url\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

    private static final Safelist ALLOWED = Safelist.relaxed()
            .addTags("font", "center", "hr", "small", "big", "s", "strike", "tt")
            .addAttributes(":all", "style", "dir", "align", "valign", "bgcolor", "width", "height", "title")
            .addAttributes("font", "color", "face", "size")
            .addAttributes("table", "border", "cellpadding", "cellspacing")
            // Remote images are dealt with below; cid: and data: images stay local.
            .addProtocols("img", "src", "http", "https", "cid", "data")
            .preserveRelativeLinks(false);

    private static final String STYLE = "body{font-family:system-ui,'Noto Sans','Noto Sans CJK SC',sans-serif;font-size:14px;"
            + "margin:12px;word-wrap:break-word;}pre{white-space:pre-wrap;font-family:inherit;margin:0}img{max-width:100%}";

    /** Cleans an HTML body; remote loads stay only when {@code allowRemote}. */
    public static SafeHtml of(String dirty, boolean allowRemote) {
        Document clean = new Cleaner(ALLOWED).clean(Jsoup.parse(dirty == null ? "" : dirty));
        int blocked = 0;
        for (Element image : clean.select("img[src]")) {
            String source = image.attr("src").trim();
            if (isRemote(source) && !allowRemote) {
                image.removeAttr("src");
                image.attr("alt", image.attr("alt").isBlank() ? "[image]" : image.attr("alt"));
                blocked++;
            } else if (source.toLowerCase(Locale.ROOT).startsWith("cid:")) {
                image.removeAttr("src"); // inline parts are not fetched into the page yet
            }
        }
        for (Element styled : clean.select("[style]")) {
            Matcher urls = CSS_URL.matcher(styled.attr("style"));
            StringBuilder kept = new StringBuilder();
            while (urls.find()) {
                String target = urls.group(1).replace("\"", "").replace("'", "").trim();
                boolean keep = allowRemote && isRemote(target);
                if (!keep && isRemote(target)) {
                    blocked++;
                }
                urls.appendReplacement(kept, keep ? Matcher.quoteReplacement(urls.group()) : "none");
            }
            urls.appendTail(kept);
            styled.attr("style", kept.toString());
        }
        for (Element link : clean.select("a[href]")) {
            link.attr("title", link.attr("href")); // the real target, whatever the text of the link says
        }
        return new SafeHtml(page(clean.body().html(), allowRemote), blocked);
    }

    /** A plain-text body as a page, escaped. */
    public static SafeHtml ofText(String text) {
        Document document = Document.createShell("");
        document.body().appendElement("pre").text(text == null ? "" : text);
        return new SafeHtml(page(document.body().html(), false), 0);
    }

    private static boolean isRemote(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//") || lower.startsWith("ftp:");
    }

    private static String page(String body, boolean allowRemote) {
        String images = allowRemote ? "data: http: https:" : "data:";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src " + images
                + "; style-src 'unsafe-inline'; font-src data:\">"
                + "<style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }
}
