package org.padlockmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.padlockmail.security.SecurityMode;

class RepliesTest {

    private static final Account ME = Account.create("Alice", "alice@padlock.test", "alice@padlock.test",
            new ServerSettings("h", 993, SecurityMode.TLS, false), new ServerSettings("h", 465, SecurityMode.TLS, false));

    private static MessageContent original(List<String> replyTo) {
        return new MessageContent(9, "周报", "鲍勃 <bob@padlock.test>", replyTo,
                List.of("Alice <alice@padlock.test>", "Carol <carol@padlock.test>"), List.of("\"Dan, D.\" <dan@padlock.test>"),
                Instant.parse("2026-11-27T09:30:00Z"), "<m2@padlock.test>", List.of("<m0@padlock.test>", "<m1@padlock.test>"),
                "第一行\n> earlier quote", null, List.of());
    }

    @Test
    void replyAllThreadsQuotesAndLeavesMeOut() throws Exception {
        MessageDraft reply = Replies.reply(original(List.of("鲍勃 <bob@padlock.test>")), ME.address(), true, ZoneOffset.UTC, Locale.ENGLISH);
        assertEquals("Re: 周报", reply.subject());
        assertEquals("<m2@padlock.test>", reply.inReplyTo());
        assertEquals(List.of("<m0@padlock.test>", "<m1@padlock.test>", "<m2@padlock.test>"), reply.references());
        assertTrue(reply.text().contains("> 第一行\n>> earlier quote"), reply.text());

        MimeMessage message = new MimeComposer(Clock.systemUTC()).compose(ME, reply);
        assertEquals(List.of("bob@padlock.test"), addresses(message, Message.RecipientType.TO));
        assertEquals(List.of("carol@padlock.test", "dan@padlock.test"), addresses(message, Message.RecipientType.CC));
        assertEquals("鲍勃", ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getPersonal());
        assertEquals("<m2@padlock.test>", message.getHeader("In-Reply-To", null));
        assertTrue(message.getHeader("References", " ").contains("<m0@padlock.test> <m1@padlock.test> <m2@padlock.test>"));
    }

    @Test
    void replyGoesToReplyToAndDoesNotRepeatRe() {
        MessageContent o = original(List.of("list@padlock.test"));
        MessageDraft reply = Replies.reply(new MessageContent(o.uid(), "RE: 周报", o.from(), o.replyTo(), o.to(), o.cc(), o.sent(),
                o.messageId(), o.references(), o.text(), o.html(), o.attachments()), ME.address(), false, ZoneOffset.UTC, Locale.ENGLISH);
        assertEquals(List.of("list@padlock.test"), reply.to());
        assertEquals(List.of(), reply.cc());
        assertEquals("RE: 周报", reply.subject());
    }

    @Test
    void forwardCarriesTheTextAndHeaders() {
        MessageDraft forward = Replies.forward(original(List.of()));
        assertEquals("Fwd: 周报", forward.subject());
        assertTrue(forward.text().contains("From: 鲍勃 <bob@padlock.test>") && forward.text().contains("第一行"));
        assertEquals(List.of(), forward.to());
    }

    private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws Exception {
        return Arrays.stream(message.getRecipients(type)).map(a -> ((InternetAddress) a).getAddress()).toList();
    }
}
