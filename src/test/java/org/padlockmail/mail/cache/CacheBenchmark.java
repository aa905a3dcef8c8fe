package org.padlockmail.mail.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Measures the cache on 100,000 generated messages (English and Chinese subjects, a few thousand senders,
 * a fifth of them with a cached body): putHeaders, file size, list reads, search latency. Run by hand,
 * not a test:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.padlockmail.mail.cache.CacheBenchmark [DIR] [MESSAGES]
 * </pre>
 *
 * System properties: {@code -Dbatch=N} rows per putHeaders (1,000), {@code -Dorder=asc} oldest batch first,
 * {@code -Dkeep=true} keeps the file, {@code -Dreuse=true} measures the reads on a kept file again,
 * {@code -DindexBatch=N} rows per indexPending, {@code -DwriteOnly=true} stops after writing and indexing the
 * headers, {@code -Dvariants=true} also compares table layouts.
 */
public final class CacheBenchmark {

    private static final String[] EN = ("meeting report budget review quarterly invoice project update schedule "
            + "release notes customer feedback contract proposal travel hotel flight lunch team offsite security "
            + "password reset account statement delivery order shipped newsletter webinar invitation reminder "
            + "deadline design draft final approval question about the your our new weekly monthly annual plan")
            .split(" ");
    private static final String[] ZH = ("会议 纪要 通知 关于 下周 项目 进度 报告 预算 审批 合同 客户 反馈 发布 版本 "
            + "安排 出差 酒店 航班 团队 活动 安全 密码 重置 账户 账单 订单 发货 邀请 提醒 截止 日期 设计 草稿 最终 "
            + "季度 年度 计划 周报 月报 问题 数据库 迁移 性能 测试 上线 部署 服务器").split(" ");

    private CacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/cache-benchmark");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Files.createDirectories(dir);
        Path file = dir.resolve("bench.sqlite");
        boolean reuse = Boolean.getBoolean("reuse") && Files.exists(file);
        if (!reuse) {
            deleteCache(file);
        }
        Random random = new Random(42);
        String[] senders = new String[3000];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = i % 4 == 0 ? chinese(random, 2) + " <user" + i + "@example.cn>"
                    : "Person " + i + " <person" + i + "@example" + (i % 50) + ".org>";
        }
        List<CachedHeader> rows = new ArrayList<>(messages);
        for (int uid = 1; uid <= messages; uid++) {
            String subject = random.nextInt(10) < 7 ? english(random, 3 + random.nextInt(6)) : chinese(random, 3 + random.nextInt(5));
            String to = senders[random.nextInt(senders.length)] + (random.nextBoolean() ? ", " + senders[random.nextInt(senders.length)] : "");
            rows.add(new CachedHeader(uid, random.nextInt(10) < 8 ? 1 : 0, uid, 1_500_000_000L + uid * 600L + random.nextInt(600),
                    2_000 + random.nextInt(200_000), 1_500_000_000L + uid * 600L, subject, senders[random.nextInt(senders.length)], to,
                    "<" + Long.toHexString(random.nextLong()) + "." + uid + "@mail.example.org>",
                    random.nextInt(3) == 0 ? "<" + Long.toHexString(random.nextLong()) + "@mail.example.org>" : null,
                    random.nextInt(5) == 0));
        }
        System.out.printf("%,d messages, %s, %d cores, Java %s%n", messages, dir.toAbsolutePath(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        // as a cold sync writes: newest batch first, UIDs ascending inside a batch (-Dorder=asc: oldest first);
        // the indexing is run and timed here, not left to the background thread
        if (!reuse) {
            write(file, rows, messages, random);
            if (Boolean.getBoolean("writeOnly")) {
                return;
            }
        }
        read(file, messages);
        if (Boolean.getBoolean("variants")) {
            rowidOrWithoutRowid(dir, rows);
        }
    }

    private static void write(Path file, List<CachedHeader> rows, int messages, Random random) throws Exception {
        int batch = Integer.getInteger("batch", 1000);
        boolean ascending = "asc".equals(System.getProperty("order"));
        List<List<CachedHeader>> batches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += batch) {
            batches.add(rows.subList(i, Math.min(rows.size(), i + batch)));
        }
        if (!ascending) {
            java.util.Collections.reverse(batches);
        }
        try (MailCache cache = MailCache.open(file, false)) {
            FolderCache inbox = cache.folder("INBOX");
            long start = System.nanoTime();
            long cpu = cpu();
            long firstPage = -1;
            for (List<CachedHeader> b : batches) {
                inbox.putHeaders(b);
                if (firstPage < 0) {
                    firstPage = cache.page("INBOX", 0, 100).size() == Math.min(100, b.size()) ? System.nanoTime() - start : -1;
                }
            }
            System.out.printf("putHeaders, batches of %,d, %s: %,d ms (cpu %,d ms); first 100 rows read by page(): %.1f ms%n",
                    batch, ascending ? "oldest first" : "newest first", ms(start), (cpu() - cpu) / 1_000_000, firstPage / 1e6);
            inbox.saveState(new FolderState(1, messages + 1, messages));
            System.out.printf("file, headers only, not indexed: %s%n", sizes(file));
            System.out.println("search before indexing (" + cache.unindexedCount() + " rows waiting):");
            for (String[] query : new String[][] {{"English common word", "report"}, {"sender address", "person1234@example34.org"},
                    {"no hit", "xylophone"}, {"Chinese 2 chars", "会议"}}) {
                time(query[0] + " [" + query[1] + "]", 5, () -> cache.search(query[1], null, 200).size());
            }
            start = System.nanoTime();
            cpu = cpu();
            int indexed = 0;
            int step;
            int indexBatch = Integer.getInteger("indexBatch", SearchIndexer.BATCH);
            while ((step = cache.indexPending(indexBatch)) > 0) {
                indexed += step;
            }
            System.out.printf("indexPending, batches of %,d: %,d rows in %,d ms (cpu %,d ms)%n", indexBatch, indexed,
                    ms(start), (cpu() - cpu) / 1_000_000);
        }
        System.out.printf("file, headers only:           %s%n", sizes(file));
        if (Boolean.getBoolean("writeOnly")) {
            return;
        }

        try (MailCache cache = MailCache.open(file, false)) {
            long start = System.nanoTime();
            int bodies = 0;
            long sourceBytes = 0;
            for (int uid = messages; uid >= 1; uid -= 5) {
                String text = random.nextInt(10) < 7 ? english(random, 150 + random.nextInt(500)) : chinese(random, 150 + random.nextInt(600));
                byte[] source = ("Subject: x\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text)
                        .getBytes(StandardCharsets.UTF_8);
                cache.putBody("INBOX", uid, source, text);
                sourceBytes += source.length;
                bodies++;
            }
            System.out.printf("putBody x %,d (%,d KB of sources, one transaction each): %,d ms%n", bodies, sourceBytes / 1024, ms(start));
        }
        System.out.printf("file, with bodies:            %s%n", sizes(file));
        tables(file);
    }

    private static void read(Path file, int messages) throws Exception {

        try (MailCache cache = MailCache.open(file, false)) {
            FolderCache inbox = cache.folder("INBOX");
            time("open + count", 20, () -> cache.count("INBOX"));
            time("unreadCount", 20, () -> cache.unreadCount("INBOX"));
            time("page(0, 100)", 20, () -> cache.page("INBOX", 0, 100).size());
            time("page(50,000, 100)", 20, () -> cache.page("INBOX", messages / 2, 100).size());
            time("page(last 100)", 20, () -> cache.page("INBOX", messages - 100, 100).size());
            time("header(uid)", 20, () -> cache.header("INBOX", messages / 3).isPresent() ? 1 : 0);
            time("uids()", 10, () -> inbox.uids().length);
            System.out.println("search (limit 200; hits shown are the capped result count):");
            String english = EN[7];
            for (String[] query : new String[][] {
                    {"English common word", "report", null},
                    {"English rare two words", "security webinar", null},
                    {"English, folder filter", "invoice", "INBOX"},
                    {"Chinese 3+ chars", "数据库迁", null},
                    {"Chinese 4 chars, body", "性能测试", null},
                    {"Chinese 2 chars, LIKE fallback", "会议", null},
                    {"Chinese 2 chars, fallback, folder", "会议", "INBOX"},
                    {"2 chars matching nothing (full scan)", "zq", null},
                    {"sender address", "person1234@example34.org", null},
                    {"sender name part", "Person 77 ", null},
                    {"no hit", "xylophone", null},
                    {"short + long word", "会议 " + english, null},
                    {"FTS syntax as text", "NEAR( \"x\" -*", null}}) {
                time(query[0] + " [" + query[1] + "]", 15, () -> cache.search(query[1], query[2], 200).size());
            }
            if (Boolean.getBoolean("keep")) {
                return;
            }
            long start = System.nanoTime();
            inbox.reset();
            System.out.printf("reset() of the folder: %,d ms%n", ms(start));
        }
    }

    private static String english(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(EN[random.nextInt(EN.length)]);
        }
        return text.toString();
    }

    private static String chinese(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(ZH[random.nextInt(ZH.length)]);
            if (random.nextInt(8) == 0) {
                text.append('，');
            }
        }
        return text.toString();
    }

    /** CPU time of this thread (SQLite runs in it): less disturbed by other work on the machine than the clock. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Wall and CPU time of this thread (SQLite runs in it; CPU is less disturbed by other work on the machine). */
    private static void time(String what, int runs, Supplier<Integer> work) {
        long[] micros = new long[runs];
        long[] cpuMicros = new long[runs];
        int result = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long cpu = cpu();
            result = work.get();
            micros[i] = (System.nanoTime() - start) / 1000;
            cpuMicros[i] = (cpu() - cpu) / 1000;
        }
        long first = micros[0];
        Arrays.sort(micros);
        Arrays.sort(cpuMicros);
        System.out.printf("  %-50s median %7.2f ms (cpu %7.2f)  max %7.2f ms  first %7.2f ms  (%,d)%n", what, micros[runs / 2] / 1000.0,
                cpuMicros[runs / 2] / 1000.0, micros[runs - 1] / 1000.0, first / 1000.0, result);
    }

    private static String sizes(Path file) throws Exception {
        long db = Files.size(file);
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        return String.format("%,d KB (wal %,d KB)", db / 1024, Files.exists(wal) ? Files.size(wal) / 1024 : 0);
    }

    private static void tables(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")) {
            while (r.next()) {
                if (r.getLong(2) > 100 * 1024) {
                    System.out.printf("    %-28s %,9d KB%n", r.getString(1), r.getLong(2) / 1024);
                }
            }
        } catch (java.sql.SQLException e) {
            System.out.println("    (no dbstat: " + e.getMessage() + ")");
        }
    }

    /** The message table alone, keyed folder<<32|uid (rowid) against WITHOUT ROWID (folder, uid). */
    private static void rowidOrWithoutRowid(Path dir, List<CachedHeader> rows) throws Exception {
        String columns = "flags INTEGER NOT NULL, modseq INTEGER NOT NULL, internaldate INTEGER NOT NULL, size INTEGER NOT NULL, "
                + "sentdate INTEGER NOT NULL, attachments INTEGER NOT NULL, subject TEXT, sender TEXT, recipients TEXT, "
                + "messageid TEXT, inreplyto TEXT";
        String[][] variants = {
                {"rowid = folder<<32|uid",
                        "CREATE TABLE message (id INTEGER PRIMARY KEY, folder INTEGER NOT NULL, " + columns + ")",
                        "CREATE INDEX message_list ON message (folder, internaldate)",
                        "INSERT INTO message VALUES ((1 << 32) | ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
                {"WITHOUT ROWID (folder, uid)",
                        "CREATE TABLE message (folder INTEGER NOT NULL, uid INTEGER NOT NULL, " + columns
                                + ", PRIMARY KEY (folder, uid)) WITHOUT ROWID",
                        "CREATE INDEX message_list ON message (folder, internaldate)",
                        "INSERT INTO message VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"}};
        System.out.println("message table alone (no search index), 100 batches of 1,000:");
        for (String[] variant : variants) {
            Path file = dir.resolve("variant.sqlite");
            deleteCache(file);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute(variant[1]);
                s.execute(variant[2]);
                long start = System.nanoTime();
                try (PreparedStatement insert = c.prepareStatement(variant[3])) {
                    for (int i = 0; i < rows.size(); i += 1000) {
                        s.execute("BEGIN IMMEDIATE");
                        for (CachedHeader row : rows.subList(i, Math.min(rows.size(), i + 1000))) {
                            insert.setLong(1, row.uid());
                            insert.setInt(2, row.flags());
                            insert.setLong(3, row.modSeq());
                            insert.setLong(4, row.internalDate());
                            insert.setLong(5, row.size());
                            insert.setLong(6, row.sentDate());
                            insert.setInt(7, row.attachments() ? 1 : 0);
                            insert.setString(8, row.subject());
                            insert.setString(9, row.from());
                            insert.setString(10, row.to());
                            insert.setString(11, row.messageId());
                            insert.setString(12, row.inReplyTo());
                            insert.executeUpdate();
                        }
                        s.execute("COMMIT");
                    }
                }
                long insertMs = ms(start);
                start = System.nanoTime();
                int n = 0;
                for (int i = 0; i < 20; i++) {
                    try (ResultSet r = s.executeQuery("SELECT * FROM message WHERE folder = 1 ORDER BY internaldate DESC LIMIT 100 OFFSET 50000")) {
                        while (r.next()) {
                            n++;
                        }
                    }
                }
                long pageMicros = (System.nanoTime() - start) / 1000 / 20;
                start = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    String sql = variant[0].startsWith("rowid") ? "SELECT subject FROM message WHERE id = (1 << 32) | ?"
                            : "SELECT subject FROM message WHERE folder = 1 AND uid = ?";
                    try (PreparedStatement get = c.prepareStatement(sql)) {
                        get.setLong(1, 1 + (i * 97L) % rows.size());
                        try (ResultSet r = get.executeQuery()) {
                            n += r.next() ? 1 : 0;
                        }
                    }
                }
                long pointMicros = (System.nanoTime() - start) / 1000;
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                System.out.printf("  %-28s insert %,5d ms, file %,6d KB, page at 50,000 %,5d us, 1,000 lookups by uid %,5d us (%d)%n",
                        variant[0], insertMs, Files.size(file) / 1024, pageMicros, pointMicros, n);
            }
            deleteCache(file);
        }
    }

    private static void deleteCache(Path file) throws Exception {
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(file.getFileName().toString())).toList()) {
                Files.delete(f);
            }
        }
    }
}
