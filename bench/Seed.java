import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the benchmark's mailbox straight into a maildir, deterministically: the same seed gives the same
 * files, names, dates, flags and UIDs on every machine.
 *
 * <pre>
 *   java Seed.java maildir DIR COUNT       cur/ + dovecot-uidlist for messages 0..COUNT-1 (UID = index + 1)
 *   java Seed.java deliver DIR FROM COUNT  messages FROM..FROM+COUNT-1 into new/, as a delivery agent would
 *   java Seed.java changes MESSAGES COUNT  COUNT flag changes on seeded UIDs 1..MESSAGES, as doveadm UID sets
 * </pre>
 *
 * Every message is a pure function of its index (its own Random), so "deliver" continues the same mailbox
 * (threads, dates) without re-reading it. Mix: English and Chinese senders and subjects (plain, RFC 2047
 * UTF-8 B and Q, GB2312 B), bodies in UTF-8 and GB2312, sizes log-normal between 2 and 50 KB plus 0.3 %
 * large (0.2-3 MB), ~20 % multipart/mixed with attachments, ~10 % multipart/alternative, ~40 % replies
 * with In-Reply-To and References, four years of dates, ~30 % unread (more of them recent), ~2 % flagged.
 */
public class Seed {

    static final long SEED = 20261129L;
    /** Internal dates run from START over SPAN seconds for TOTAL messages; later indexes continue after. */
    static final long START = Instant.parse("2022-01-03T08:00:00Z").getEpochSecond();
    static final long SPAN = Instant.parse("2025-12-31T20:00:00Z").getEpochSecond() - START;
    static final int TOTAL = 100_000;
    static final long UIDVALIDITY = 1700000000L;

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("maildir")) {
            seedMaildir(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 4 && args[0].equals("deliver")) {
            deliver(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args.length == 3 && args[0].equals("changes")) {
            printChanges(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: java Seed.java maildir DIR COUNT | deliver DIR FROM COUNT | changes MESSAGES COUNT");
            System.exit(2);
        }
    }

    // --- the three commands ---------------------------------------------------------------------

    static void seedMaildir(Path dir, int count) throws IOException {
        long t0 = System.nanoTime();
        Path cur = Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve("new"));
        Files.createDirectories(dir.resolve("tmp"));
        Generator gen = new Generator();
        StringBuilder uidlist = new StringBuilder(count * 64);
        uidlist.append("3 V").append(UIDVALIDITY).append(" N").append(count + 1)
                .append(" G").append(String.format("%016x%016x", SEED * 31, SEED * 131)).append('\n');
        long bytes = 0;
        int unread = 0, flagged = 0, multipart = 0, replies = 0;
        for (int i = 0; i < count; i++) {
            Message m = gen.message(i);
            String name = m.baseName() + ":2," + m.flags;
            write(cur.resolve(name), m);
            uidlist.append(i + 1).append(" :").append(name).append('\n');
            bytes += m.bytes.length;
            if (m.flags.indexOf('S') < 0) unread++;
            if (m.flags.indexOf('F') >= 0) flagged++;
            if (m.mixed) multipart++;
            if (m.reply) replies++;
        }
        Files.writeString(dir.resolve("dovecot-uidlist"), uidlist, StandardCharsets.US_ASCII);
        System.out.printf(Locale.ROOT,
                "seeded %d messages, %.1f MB, %d unread, %d flagged, %d multipart/mixed, %d replies in %.1f s%n",
                count, bytes / 1e6, unread, flagged, multipart, replies, (System.nanoTime() - t0) / 1e9);
    }

    static void deliver(Path dir, int from, int count) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path nw = Files.createDirectories(dir.resolve("new"));
        Generator gen = new Generator();
        for (int i = from; i < from + count; i++) {
            Message m = gen.message(i);
            Path t = tmp.resolve(m.baseName());
            write(t, m);
            Files.move(t, nw.resolve(m.baseName())); // the maildir way: tmp/, then rename into new/
        }
        System.out.printf("delivered %d messages into %s%n", count, nw);
    }

    /** Maildir flags of seeded message i: ~30 % unread, more of them recent; ~2 % flagged; some answered. */
    static String flags(int i) {
        Random fr = rnd(48611L, i);
        double age = Math.min(1.0, i / (double) TOTAL);
        boolean seen = fr.nextDouble() >= 0.15 + 0.30 * age;
        StringBuilder flags = new StringBuilder();
        if (fr.nextInt(100) < 2) flags.append('F');
        if (seen && fr.nextInt(100) < 12) flags.append('R');
        if (seen) flags.append('S');
        return flags.toString();
    }

    /**
     * COUNT distinct seeded UIDs in 1..messages, each given a change that really changes it: unread ones
     * are read (as on another device), read unflagged ones flagged, flagged ones unflagged. Prints three
     * lines "seen|flag|unflag UID,UID,..." for doveadm (a line with no UIDs is left out).
     */
    static void printChanges(int messages, int count) {
        Random r = rnd(0x5eedL, count);
        java.util.TreeSet<Integer> uids = new java.util.TreeSet<>();
        while (uids.size() < count) uids.add(1 + r.nextInt(messages));
        StringBuilder seen = new StringBuilder(), flag = new StringBuilder(), unflag = new StringBuilder();
        for (int uid : uids) {
            String f = flags(uid - 1);
            StringBuilder to = f.indexOf('S') < 0 ? seen : f.indexOf('F') < 0 ? flag : unflag;
            to.append(to.length() == 0 ? "" : ",").append(uid);
        }
        if (seen.length() > 0) System.out.println("seen " + seen);
        if (flag.length() > 0) System.out.println("flag " + flag);
        if (unflag.length() > 0) System.out.println("unflag " + unflag);
    }

    static void write(Path p, Message m) throws IOException {
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(m.bytes);
        }
        Files.setLastModifiedTime(p, FileTime.from(m.internalDate, java.util.concurrent.TimeUnit.SECONDS));
    }

    // --- messages -------------------------------------------------------------------------------

    record Message(int index, long internalDate, byte[] bytes, String flags, boolean mixed, boolean reply) {
        String baseName() {
            int lf = 0;
            for (byte b : bytes) if (b == '\n') lf++;
            // S= physical size, W= size with CRLF line ends (RFC822.SIZE): Dovecot reads neither from the file.
            return internalDate + ".M" + (index % 1_000_000) + "P" + index + ".bench,S=" + bytes.length
                    + ",W=" + (bytes.length + lf);
        }
    }

    static final Charset GB2312 = Charset.forName("GB2312");
    static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    static final String[] EN_FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
            "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
            "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Margaret",
            "Steven", "Sandra", "Paul", "Ashley", "Andrew", "Emily", "Joshua", "Donna", "Kevin", "Michelle",
            "Brian", "Carol", "George", "Amanda", "Timothy", "Melissa", "Ronald", "Deborah", "Jason", "Stephanie",
            "Renée", "José", "Zoë", "Søren", "François", "Chloé"};
    static final String[] EN_LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
            "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
            "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
            "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "O'Brien",
            "Müller", "Dubois"};
    static final String[] ZH_SURNAME = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
            "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "欧阳", "司马"};
    static final String[] ZH_GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
            "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "晓明", "丹",
            "玲", "宇", "浩然", "子涵", "欣怡", "梓轩", "思远", "雨桐", "嘉怡", "俊杰"};
    static final String[] PINYIN = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
            "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang"};
    static final String[] EN_DOMAINS = {"example.com", "example.org", "example.net", "acme-corp.example",
            "university.example.edu", "mail.example.co.uk", "lists.example.org", "startup.example.io"};
    static final String[] ZH_DOMAINS = {"example.cn", "qiye.example.cn", "daxue.example.edu.cn", "mail.example.com.cn",
            "keji.example.cn"};
    static final String[] EN_WORDS = ("the project meeting schedule report quarterly budget review draft proposal "
            + "update team customer release server database migration invoice payment contract deadline agenda "
            + "notes feedback question design document build test failure deploy production staging network "
            + "security certificate password account access support ticket issue request approval vacation travel "
            + "conference presentation slides workshop training hiring interview offer candidate manager office "
            + "lunch dinner weekend holiday family photos birthday party invitation reminder follow newsletter "
            + "subscription order shipping delivery tracking refund receipt analytics dashboard metrics performance "
            + "latency backup storage cluster kernel patch library dependency upgrade roadmap milestone sprint "
            + "retrospective planning estimate priority blocker workaround regression benchmark profile memory").split(" ");
    static final String[] EN_SUBJECTS = {"Quarterly budget review", "Meeting notes from Tuesday", "Re-scheduling our call",
            "Invoice #%d attached", "Your order #%d has shipped", "Weekly status update", "Draft proposal for comments",
            "Server migration plan", "Certificate renewal reminder", "Lunch on Friday?", "Holiday photos",
            "Build failure on main", "Release %d.%d checklist", "Conference travel booking", "Interview feedback",
            "Welcome to the team!", "Password reset request", "Security advisory: please update", "Roadmap for Q%d",
            "Benchmark results", "Customer escalation: ticket %d", "Contract renewal", "Newsletter — November edition",
            "Café meetup — “bring a friend”", "Résumé and cover letter", "Performance regression in %d.%d",
            "Backup storage is almost full", "Birthday party invitation", "Dinner reservation confirmed",
            "Expense report approval needed"};
    static final String[] ZH_SUBJECTS = {"季度预算审核", "周二会议纪要", "关于项目进度的汇报", "发票（第%d号）请查收", "您的订单%d已发货",
            "每周工作总结", "方案初稿，请提意见", "服务器迁移计划", "证书续期提醒", "周五一起吃午饭吗？", "春节放假安排",
            "主干构建失败", "版本%d.%d发布清单", "会议差旅预订", "面试反馈", "欢迎加入团队！", "密码重置申请", "安全通告：请尽快更新",
            "第%d季度路线图", "性能测试结果", "客户投诉：工单%d", "合同续签", "年终总结与明年计划", "关于数据库备份的问题",
            "生日聚会邀请", "报销单需要审批", "新产品发布会通知", "北京办公室搬迁通知", "上海分公司培训安排", "技术分享：全文检索"};
    static final String[] ZH_SENTENCES = {"请大家在本周五之前提交各自的材料。", "附件是最新版本的文档，请查收。",
            "我们需要尽快确认服务器的迁移时间。", "如果有任何问题，请随时与我联系。", "上次会议讨论的几个问题已经解决了。",
            "预算方面还需要财务部门再审核一次。", "客户希望下个月初能看到第一个版本。", "测试环境目前不太稳定，正在排查原因。",
            "感谢各位的辛勤工作！", "这个方案的成本比原计划高了百分之十五。", "请注意，证书将在三十天后过期。",
            "下周一上午十点在三楼会议室开会。", "数据库备份每天凌晨两点自动执行。", "新同事将于下周入职，请大家多多关照。",
            "关于全文检索的性能问题，我做了一些测试。", "春节期间值班安排见附件。", "我们已经收到您的付款，谢谢。",
            "这个版本修复了内存泄漏的问题。", "网络延迟在高峰时段明显增加。", "请把反馈意见直接写在文档里。"};
    static final String[] ATTACHMENTS = {"report.pdf|application/pdf", "photo.jpg|image/jpeg", "slides.pptx|"
            + "application/vnd.openxmlformats-officedocument.presentationml.presentation", "data.xlsx|"
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "archive.zip|application/zip",
            "invoice.pdf|application/pdf", "scan.png|image/png", "notes.txt|text/plain", "会议纪要.docx|"
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "预算表.xlsx|"
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "照片.jpg|image/jpeg"};

    /** Pools built once from a fixed seed; messages pick from them, so generation is mostly copying. */
    static final class Generator {
        final String[] enParagraphs = new String[1500];
        final String[] zhParagraphs = new String[800];
        final byte[] noise = new byte[4 << 20];
        final java.util.Map<Integer, String> subjects = new java.util.HashMap<>();

        Generator() {
            Random r = new Random(SEED);
            for (int p = 0; p < enParagraphs.length; p++) {
                StringBuilder s = new StringBuilder();
                int words = 30 + r.nextInt(90), col = 0;
                for (int w = 0; w < words; w++) {
                    String word = EN_WORDS[r.nextInt(EN_WORDS.length)];
                    if (w == 0) word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    if (col + word.length() > 72) {
                        s.append('\n');
                        col = 0;
                    } else if (w > 0) {
                        s.append(' ');
                        col++;
                    }
                    s.append(word);
                    col += word.length();
                    if (r.nextInt(12) == 0) {
                        s.append('.');
                        col++;
                    }
                }
                enParagraphs[p] = s.append(".\n\n").toString();
            }
            for (int p = 0; p < zhParagraphs.length; p++) {
                StringBuilder s = new StringBuilder();
                int n = 2 + r.nextInt(6);
                for (int k = 0; k < n; k++) s.append(ZH_SENTENCES[r.nextInt(ZH_SENTENCES.length)]);
                zhParagraphs[p] = s.append("\n\n").toString();
            }
            r.nextBytes(noise);
        }

        boolean chinese(int i) {
            return rnd(7919L, i).nextInt(100) < 35;
        }

        /** The thread root's subject (replies carry "Re: " + it). */
        String subject(int i) {
            String s = subjects.get(i);
            if (s != null) return s;
            Random r = rnd(104729L, i);
            int parent = parent(i);
            if (parent >= 0) {
                s = subject(parent);
            } else {
                String[] pool = chinese(i) ? ZH_SUBJECTS : EN_SUBJECTS;
                s = String.format(Locale.ROOT, pool[r.nextInt(pool.length)], 1000 + r.nextInt(90000), 1 + r.nextInt(9));
            }
            if (subjects.size() > 200_000) subjects.clear();
            subjects.put(i, s);
            return s;
        }

        /** The message this one answers, or -1; ~40 % are replies to one of the 300 before them. */
        int parent(int i) {
            Random r = rnd(15485863L, i);
            if (i < 10 || r.nextInt(100) >= 40) return -1;
            return Math.max(0, i - 1 - r.nextInt(Math.min(i, 300)));
        }

        String messageId(int i) {
            Random r = rnd(2654435761L, i);
            String dom = chinese(i) ? ZH_DOMAINS[r.nextInt(ZH_DOMAINS.length)] : EN_DOMAINS[r.nextInt(EN_DOMAINS.length)];
            return String.format("<%08x.%d.%06x@%s>", r.nextInt(), i, r.nextInt(1 << 24), dom);
        }

        long internalDate(int i) {
            Random r = rnd(999983L, i);
            return START + (long) i * SPAN / TOTAL + r.nextInt(Math.max(1, (int) (SPAN / TOTAL)));
        }

        Message message(int i) {
            Random r = rnd(1_000_003L, i);
            boolean zh = chinese(i);
            long date = internalDate(i);
            int parent = parent(i);
            StringBuilder h = new StringBuilder(2048);
            String[] domains = zh ? ZH_DOMAINS : EN_DOMAINS;
            String domain = domains[r.nextInt(domains.length)];
            String fromName, local;
            if (zh) {
                int sIdx = r.nextInt(ZH_SURNAME.length);
                fromName = ZH_SURNAME[sIdx] + ZH_GIVEN[r.nextInt(ZH_GIVEN.length)];
                local = PINYIN[sIdx % PINYIN.length] + "." + PINYIN[r.nextInt(PINYIN.length)] + r.nextInt(100);
            } else {
                String first = EN_FIRST[r.nextInt(EN_FIRST.length)], last = EN_LAST[r.nextInt(EN_LAST.length)];
                fromName = first + " " + last;
                local = ascii(first) + "." + ascii(last);
            }
            String address = local + "@" + domain;
            ZonedDateTime sent = Instant.ofEpochSecond(date - 5 - r.nextInt(600))
                    .atZone(zh ? ZoneOffset.ofHours(8) : ZoneOffset.ofHours(r.nextBoolean() ? -5 : 1));
            h.append("Return-Path: <").append(address).append(">\n");
            h.append("Delivered-To: alice@padlock.test\n");
            h.append("Received: from mx.padlock.test\n\tby mail.padlock.test with LMTP\n\tid ")
                    .append(Long.toHexString(r.nextLong())).append("\n\t(envelope-from <").append(address)
                    .append(">)\n\tfor <alice@padlock.test>; ").append(RFC5322.format(sent.plusSeconds(3))).append('\n');
            h.append("Received: from smtp.").append(domain).append(" (smtp.").append(domain).append(" [198.51.100.")
                    .append(1 + r.nextInt(250)).append("])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n")
                    .append("\tby mx.padlock.test (Postfix) with ESMTPS id ").append(Long.toHexString(r.nextLong()).toUpperCase(Locale.ROOT))
                    .append("\n\tfor <alice@padlock.test>; ").append(RFC5322.format(sent.plusSeconds(2))).append('\n');
            if (r.nextInt(3) == 0) {
                h.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=").append(domain)
                        .append(";\n\ts=s1; t=").append(date).append("; h=from:to:subject:date:message-id;\n\tbh=")
                        .append(b64(r, 32)).append(";\n\tb=").append(b64(r, 96)).append("\n\t ").append(b64(r, 96)).append('\n');
            }
            h.append("Message-ID: ").append(messageId(i)).append('\n');
            h.append("Date: ").append(RFC5322.format(sent)).append('\n');
            h.append("From: ").append(encodePhrase(fromName, zh, r)).append(" <").append(address).append(">\n");
            h.append("To: ").append(r.nextInt(4) == 0 ? "=?UTF-8?B?" + b64("爱丽丝") + "?=" : "Alice Liddell")
                    .append(" <alice@padlock.test>");
            if (r.nextInt(5) == 0) h.append(",\n\t\"Bob\" <bob@padlock.test>");
            h.append('\n');
            if (r.nextInt(6) == 0) h.append("Cc: team@").append(domain).append('\n');
            String subject = subject(i);
            if (parent >= 0) subject = (zh && r.nextBoolean() ? "回复：" : "Re: ") + subject;
            h.append("Subject: ").append(encodeText(subject, r)).append('\n');
            if (parent >= 0) {
                h.append("In-Reply-To: ").append(messageId(parent)).append('\n');
                h.append("References: ");
                int p = parent(parent);
                if (p >= 0) h.append(messageId(p)).append("\n\t");
                h.append(messageId(parent)).append('\n');
            }
            h.append(zh ? "X-Mailer: Foxmail 7.2\n" : r.nextBoolean() ? "User-Agent: Mozilla Thunderbird\n" : "X-Mailer: Apple Mail (2.3731)\n");
            h.append("MIME-Version: 1.0\n");

            // Sizes: log-normal (median ~6 KB) clipped to 2-50 KB; 0.3 % large with an attachment of 0.2-3 MB.
            boolean large = r.nextInt(1000) < 3;
            int target = (int) Math.min(50_000, Math.max(2_300, Math.exp(Math.log(6000) + 0.8 * r.nextGaussian())));
            boolean mixed = large || r.nextInt(100) < 20;
            boolean alternative = !mixed && r.nextInt(100) < 10;
            int textTarget = Math.max(300, target - h.length() - (mixed ? target / 2 : 0));
            String text = bodyText(r, zh, textTarget);
            boolean gb = zh && r.nextInt(3) == 0;
            StringBuilder b = new StringBuilder(target + 1024);
            String boundary = "----=_Part_" + i + "_" + Integer.toHexString(r.nextInt());
            if (mixed) {
                h.append("Content-Type: multipart/mixed;\n\tboundary=\"").append(boundary).append("\"\n\n");
                b.append("This is a multi-part message in MIME format.\n\n--").append(boundary).append('\n');
                textPart(b, text, zh, gb);
                int attachments = 1 + (r.nextInt(4) == 0 ? 1 : 0);
                int attBytes = large ? 200_000 + r.nextInt(2_800_000) : Math.max(500, (target - textTarget) * 3 / 4 / attachments);
                for (int a = 0; a < attachments; a++) {
                    String[] att = ATTACHMENTS[r.nextInt(ATTACHMENTS.length)].split("\\|");
                    b.append("\n--").append(boundary).append("\nContent-Type: ").append(att[1]).append(";\n\tname=\"")
                            .append(encodeText(att[0], r)).append("\"\nContent-Disposition: attachment;\n\t");
                    if (att[0].chars().allMatch(c -> c < 128)) {
                        b.append("filename=\"").append(att[0]).append("\"\n");
                    } else {
                        b.append("filename*=UTF-8''").append(percent(att[0])).append('\n');
                    }
                    b.append("Content-Transfer-Encoding: base64\n\n");
                    int off = r.nextInt(noise.length - attBytes);
                    String enc = Base64.getMimeEncoder(76, new byte[]{'\n'})
                            .encodeToString(java.util.Arrays.copyOfRange(noise, off, off + attBytes));
                    b.append(enc).append('\n');
                }
                b.append("\n--").append(boundary).append("--\n");
            } else if (alternative) {
                h.append("Content-Type: multipart/alternative;\n\tboundary=\"").append(boundary).append("\"\n\n");
                b.append("--").append(boundary).append('\n');
                textPart(b, text, zh, gb);
                b.append("\n--").append(boundary).append("\nContent-Type: text/html; charset=UTF-8\n")
                        .append("Content-Transfer-Encoding: 8bit\n\n<html><body>\n");
                for (String para : text.split("\n\n")) b.append("<p>").append(para.replace("\n", " ")).append("</p>\n");
                b.append("</body></html>\n\n--").append(boundary).append("--\n");
            } else {
                textHeaders(h, zh, gb);
                h.append('\n');
                textBody(b, text, zh, gb);
            }
            byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);

            return new Message(i, date, all, flags(i), mixed, parent >= 0);
        }

        String bodyText(Random r, boolean zh, int target) {
            StringBuilder s = new StringBuilder(target + 600);
            s.append(zh ? "您好，\n\n" : "Hi Alice,\n\n");
            // Chinese characters take 3 bytes in UTF-8 (and base64 adds a third): aim by encoded size.
            int limit = zh ? target / 4 : target;
            while (s.length() < limit) {
                s.append(zh ? zhParagraphs[r.nextInt(zhParagraphs.length)] : enParagraphs[r.nextInt(enParagraphs.length)]);
            }
            s.append(zh ? "此致\n敬礼\n" : "Best regards,\n");
            return s.toString();
        }

        static void textPart(StringBuilder b, String text, boolean zh, boolean gb) {
            textHeaders(b, zh, gb);
            b.append('\n');
            textBody(b, text, zh, gb);
        }

        static void textHeaders(StringBuilder b, boolean zh, boolean gb) {
            if (gb) {
                b.append("Content-Type: text/plain; charset=GB2312\nContent-Transfer-Encoding: base64\n");
            } else if (zh) {
                b.append("Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n");
            } else {
                b.append("Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n");
            }
        }

        static void textBody(StringBuilder b, String text, boolean zh, boolean gb) {
            if (zh) {
                byte[] raw = text.getBytes(gb ? GB2312 : StandardCharsets.UTF_8);
                b.append(Base64.getMimeEncoder(76, new byte[]{'\n'}).encodeToString(raw)).append('\n');
            } else {
                b.append(text);
            }
        }
    }

    // --- header encoding (RFC 2047 / 2231) ------------------------------------------------------

    static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT);
    }

    /** A display name: ASCII quoted when needed, else an encoded word (UTF-8 B/Q, or GB2312 B for Chinese). */
    static String encodePhrase(String name, boolean zh, Random r) {
        if (name.chars().allMatch(c -> c < 128)) {
            return name.contains("'") ? "\"" + name + "\"" : name;
        }
        return encodeText(name, r);
    }

    /** An unstructured header value: as is when ASCII, else RFC 2047 encoded words, folded. */
    static String encodeText(String text, Random r) {
        if (text.chars().allMatch(c -> c < 128)) return text;
        int style = r.nextInt(10);
        if (style < 3 && canEncode(GB2312, text)) return encodedWords(text, GB2312, "GB2312", 'B');
        if (style < 5) return encodedWords(text, StandardCharsets.UTF_8, "UTF-8", 'Q');
        return encodedWords(text, StandardCharsets.UTF_8, "UTF-8", 'B');
    }

    static boolean canEncode(Charset cs, String s) {
        return cs.newEncoder().canEncode(s);
    }

    /** Encoded words of at most 75 characters, never splitting a character, folded with "\n ". */
    static String encodedWords(String text, Charset cs, String csName, char enc) {
        List<String> words = new ArrayList<>();
        CharsetEncoder encoder = cs.newEncoder();
        int maxRaw = enc == 'B' ? 45 : 20; // B: 45 bytes -> 60 chars; Q: each byte up to 3 chars
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int cp : text.codePoints().toArray()) {
            String c = new String(Character.toChars(cp));
            int n;
            try {
                n = encoder.encode(CharBuffer.wrap(c)).remaining();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalStateException(e);
            }
            if (chunkBytes + n > maxRaw && chunk.length() > 0) {
                words.add(word(chunk.toString(), cs, csName, enc));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.append(c);
            chunkBytes += n;
        }
        if (chunk.length() > 0) words.add(word(chunk.toString(), cs, csName, enc));
        return String.join("\n ", words);
    }

    static String word(String s, Charset cs, String csName, char enc) {
        byte[] raw = s.getBytes(cs);
        if (enc == 'B') return "=?" + csName + "?B?" + Base64.getEncoder().encodeToString(raw) + "?=";
        StringBuilder q = new StringBuilder("=?" + csName + "?Q?");
        for (byte x : raw) {
            int v = x & 0xff;
            if (v == ' ') q.append('_');
            else if (v < 128 && Character.isLetterOrDigit(v)) q.append((char) v);
            else q.append('=').append(String.format("%02X", v));
        }
        return q.append("?=").toString();
    }

    /** A Random per (purpose, message): SplitMix64-scrambled so neighbouring messages are unrelated. */
    static Random rnd(long salt, int i) {
        long z = SEED * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + i * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(Random r, int n) {
        byte[] x = new byte[n];
        r.nextBytes(x);
        return Base64.getEncoder().encodeToString(x);
    }

    static String percent(String s) {
        StringBuilder p = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int v = x & 0xff;
            if (v < 128 && (Character.isLetterOrDigit(v) || v == '.' || v == '-' || v == '_')) p.append((char) v);
            else p.append('%').append(String.format("%02X", v));
        }
        return p.toString();
    }
}
