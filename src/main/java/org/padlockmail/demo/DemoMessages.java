package org.padlockmail.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The sample mailbox of the demo account: about fifty messages in English and Chinese, plain and
 * HTML, some with attachments and some with remote images (which Padlock Mail blocks until asked).
 * The same list every time, dated back from now.
 */
final class DemoMessages {

    private record Sample(String fromName, String from, String subject, String text, String html, String attachment) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("Padlock Mail", "welcome@padlock.demo", "Welcome to Padlock Mail",
                    "This is the demo account. It runs on a small mail server inside the app, on your own computer.\n\n"
                            + "Look at the two locks at the bottom of the window: one for reading mail (IMAP), one for sending (SMTP). "
                            + "Click a lock to see exactly how the connection is protected: TLS version, cipher suite, key exchange "
                            + "and the certificate chain.\n\nThe demo server has a self-signed certificate, so Padlock Mail asked you "
                            + "before trusting it, and pinned it. If that certificate ever changes, you will be told loudly.\n\n"
                            + "Try writing a message to demo@padlock.demo: it arrives here.", null, null),
            new Sample("Ada Lovelace", "ada@analytical.example", "Notes on the engine",
                    "Dear friend,\n\nI have finished the notes on the engine; they are longer than the paper itself. "
                            + "Note G has the table for the Bernoulli numbers.\n\nAda", null, "notes-g.txt"),
            new Sample("李华", "lihua@example.cn", "周末一起去爬山吗？",
                    "你好！\n\n这个周末天气很好，我们一起去香山爬山吧。早上八点在地铁站见面。\n\n李华", null, null),
            new Sample("Travel Deals", "offers@travel.example", "Your weekend in Lisbon — 40% off",
                    null, "<h2 style='color:#0a6'>Lisbon awaits</h2><p>Book now and save.</p>"
                            + "<p><img src='https://images.travel.example/lisbon.jpg' width='480' alt='Lisbon tram'></p>"
                            + "<p style=\"background:url('https://track.travel.example/open.gif')\">This message tracks you when remote"
                            + " content is loaded. Padlock Mail blocked it.</p><p><a href='https://travel.example/deal?id=42'>See the deal</a></p>", null),
            new Sample("Grace Hopper", "grace@navy.example", "Re: the bug in relay 70",
                    "We found a moth in relay #70, panel F. It is taped into the log book now.\nFirst actual case of bug being found.", null, null),
            new Sample("王芳", "wangfang@example.cn", "项目进度报告",
                    null, "<p>各位同事：</p><p>附件是本周的<b>项目进度报告</b>，请查收。</p><ul><li>后端接口已完成 80%</li>"
                            + "<li>界面设计已定稿</li><li>测试计划下周开始</li></ul><p>王芳</p>", "进度报告.csv"),
            new Sample("Alan Turing", "alan@bletchley.example", "Can machines think?",
                    "I propose to consider the question, 'Can machines think?'\nThis should begin with definitions of the meaning of the terms.", null, null),
            new Sample("Newsletter", "news@weekly.example", "This week in open source",
                    null, "<html><head><link rel='stylesheet' href='https://cdn.weekly.example/style.css'></head><body>"
                            + "<h1>This week</h1><p>Five releases, two conferences and one very long thread.</p>"
                            + "<img src='https://cdn.weekly.example/header.png' alt='header'>"
                            + "<iframe src='https://video.weekly.example/embed/1'></iframe></body></html>", null),
            new Sample("张伟", "zhangwei@example.cn", "会议纪要：安全评审",
                    "今天的安全评审结论：\n1. 所有连接必须使用 TLS 1.2 以上。\n2. 证书变更必须提示用户。\n3. 明文密码一律禁止。", null, null),
            new Sample("Margaret Hamilton", "margaret@apollo.example", "Priority displays",
                    "The priority displays worked as designed: the computer dropped the low-priority tasks and kept landing.\n"
                            + "I am attaching the listing.", null, "listing.txt"));

    private final Clock clock;

    DemoMessages(Clock clock) {
        this.clock = clock;
    }

    /** About fifty messages, oldest first, the newest a few minutes old. */
    List<MimeMessage> all() throws MessagingException {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = new ArrayList<>();
        Instant now = clock.instant();
        int count = 50;
        for (int i = 0; i < count; i++) {
            Sample sample = SAMPLES.get(i % SAMPLES.size());
            int round = i / SAMPLES.size();
            // The first round of samples are the newest messages (the welcome on top); older rounds are follow-ups.
            Instant sent = now.minus(Duration.ofHours(7L * i)).minus(Duration.ofMinutes(3L + 13L * i));
            String subject = round == 0 ? sample.subject() : (sample.subject().matches("^[\\x00-\\x7F]*$") ? "Re: " : "回复：")
                    .repeat(Math.min(round, 1)) + sample.subject() + (round > 1 ? " (" + round + ")" : "");
            messages.add(message(session, sample, subject, Date.from(sent), i));
        }
        // Delivered oldest first, as they would have arrived.
        java.util.Collections.reverse(messages);
        return messages;
    }

    private static MimeMessage message(Session session, Sample sample, String subject, Date sent, int number)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(sample.from(), sample.fromName(), StandardCharsets.UTF_8.name()));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new MessagingException(e.getMessage(), e);
        }
        message.setRecipients(MimeMessage.RecipientType.TO, DemoMailbox.ADDRESS);
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(sent);
        message.setHeader("Message-ID", "<demo-" + number + "@padlock.demo>");
        if (sample.attachment() == null) {
            if (sample.html() != null) {
                message.setText(sample.html(), StandardCharsets.UTF_8.name(), "html");
            } else {
                message.setText(sample.text(), StandardCharsets.UTF_8.name());
            }
        } else {
            MimeBodyPart body = new MimeBodyPart();
            if (sample.html() != null) {
                body.setText(sample.html(), StandardCharsets.UTF_8.name(), "html");
            } else {
                body.setText(sample.text(), StandardCharsets.UTF_8.name());
            }
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setText(attachmentText(sample.attachment()), StandardCharsets.UTF_8.name());
            attachment.setFileName(sample.attachment());
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            message.setContent(new MimeMultipart(body, attachment));
        }
        if (number % 4 != 0) {
            message.setFlag(jakarta.mail.Flags.Flag.SEEN, true);
        }
        message.saveChanges();
        message.setHeader("Message-ID", "<demo-" + number + "@padlock.demo>");
        return message;
    }

    private static String attachmentText(String name) {
        return name.endsWith(".csv")
                ? "模块,进度\n后端接口,80%\n界面设计,100%\n测试,0%\n"
                : "Padlock Mail demo attachment " + name + "\n" + "0123456789abcdef\n".repeat(64);
    }
}
