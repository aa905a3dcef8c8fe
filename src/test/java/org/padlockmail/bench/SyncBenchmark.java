package org.padlockmail.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.AccountEvents;
import org.padlockmail.mail.MailAccount;
import org.padlockmail.mail.SecureConnector;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.mail.cache.CachedHeader;
import org.padlockmail.mail.cache.FlagUpdate;
import org.padlockmail.mail.cache.FolderCache;
import org.padlockmail.mail.cache.FolderState;
import org.padlockmail.mail.cache.MailCache;
import org.padlockmail.mail.sync.SyncConnection;
import org.padlockmail.mail.sync.SyncOptions;
import org.padlockmail.mail.sync.SyncPath;
import org.padlockmail.mail.sync.SyncResult;
import org.padlockmail.security.PinStore;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.TlsClient;
import org.padlockmail.security.TlsPolicy;
import org.padlockmail.security.TrustAnchors;
import org.padlockmail.security.TrustEvaluator;
import org.padlockmail.testing.MemoryPasswords;

/**
 * The Padlock side of the benchmark of issue 5 (bench/run.sh runs it; not a test). Each command runs in a
 * fresh JVM and prints one line of {@code key=value} pairs; times are milliseconds, sizes bytes.
 *
 * <pre>
 *   cold    CACHE HOST PORT CA USER PASSWORD_ENV        a sync into a new cache file, as at the first start
 *   warm    CACHE HOST PORT CA USER PASSWORD_ENV RUNS   reopen: connect + QRESYNC sync, nothing changed
 *   changed CACHE HOST PORT CA USER PASSWORD_ENV RUNS   the same after changes on the server, each run on a
 *                                                       fresh copy of CACHE (a sync only EXAMINEs the folder,
 *                                                       so every copy sees the same changes)
 *   search  CACHE RUNS                                  English word, Chinese substring, sender
 *   server-search _ HOST PORT CA USER PASSWORD_ENV RUNS the server's search (UID SEARCH TEXT) for an English
 *                                                       word and a Chinese substring, on one connection
 *   cold-app DATA HOST PORT CA USER PASSWORD_ENV        the app's own first sync in a fresh JVM, timed from the
 *                                                       folder click: see {@link #coldApp}
 *   cold-discard _ HOST PORT CA USER PASSWORD_ENV [RUNS] cold syncs into a cache that keeps no rows: the
 *                                                       sync's own cost, without SQLite (not in the table)
 * </pre>
 *
 * It uses the app's own path: {@link SyncConnection} with {@link SyncOptions#defaults()} (COMPRESS=DEFLATE
 * and QRESYNC when offered) over the app's TLS policy, trusting only the bench CA, into a {@link MailCache}.
 */
public final class SyncBenchmark {

    static final String FOLDER = "INBOX";

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "cold" -> cold(Path.of(args[1]), server(args), args.length > 7 ? Integer.parseInt(args[7]) : 1);
            case "cold-app" -> coldApp(Path.of(args[1]), server(args));
            case "cold-discard" -> coldDiscard(server(args), args.length > 7 ? Integer.parseInt(args[7]) : 1);
            case "warm" -> warm(Path.of(args[1]), server(args), Integer.parseInt(args[7]));
            case "changed" -> changed(Path.of(args[1]), server(args), Integer.parseInt(args[7]));
            case "search" -> search(Path.of(args[1]), Integer.parseInt(args[2]));
            case "server-search" -> serverSearch(server(args), Integer.parseInt(args[7]));
            default -> usage();
        }
        System.exit(0); // the TLS and SQLite helpers leave no reason to wait
    }

    private static void usage() {
        System.err.println("usage: SyncBenchmark cold|cold-app|cold-discard|warm|changed|server-search CACHE HOST PORT CA USER PASSWORD_ENV [RUNS] | search CACHE RUNS");
        System.exit(2);
    }

    /** The bench server as an account of the app, trusting the bench CA only, with a throwaway pin file. */
    record Server(Account account, String password, SecureConnector connector) {
        SyncConnection connect() throws Exception {
            return SyncConnection.open(account, password, connector, report -> { }, options());
        }
    }

    /**
     * {@link SyncOptions#defaults()}, unless overridden while working on the sync: {@code -Dbench.compress=false},
     * {@code -Dbench.contentType=false}, {@code -Dbench.chunks=FIRST,REST}.
     */
    static SyncOptions options() {
        SyncOptions options = SyncOptions.defaults();
        if (System.getProperty("bench.compress") != null) {
            options = options.withCompress(Boolean.getBoolean("bench.compress"));
        }
        if (System.getProperty("bench.contentType") != null) {
            options = options.withContentType(Boolean.getBoolean("bench.contentType"));
        }
        String chunks = System.getProperty("bench.chunks");
        if (chunks != null) {
            String[] two = chunks.split(",");
            options = options.withChunks(Integer.parseInt(two[0]), Integer.parseInt(two[1]));
        }
        return options;
    }

    static Server server(String[] args) throws IOException {
        String host = args[2];
        int port = Integer.parseInt(args[3]);
        String password = System.getenv(args[6]);
        if (password == null) {
            throw new IllegalArgumentException("environment variable " + args[6] + " is not set");
        }
        ServerSettings imap = new ServerSettings(host, port, SecurityMode.TLS, false);
        Account account = Account.create("Bench", args[5], args[5], imap, new ServerSettings(host, 465, SecurityMode.TLS, false));
        Path pins = Files.createTempFile("bench-pins", ".json");
        Files.delete(pins);
        pins.toFile().deleteOnExit();
        SecureConnector connector = new SecureConnector(new TlsClient(new TrustEvaluator(
                TrustAnchors.of(TrustAnchors.readPem(Path.of(args[4]))), new PinStore(pins), TlsPolicy.defaults()),
                Clock.systemUTC()), SecureConnector.DEFAULT_DEADLINE);
        return new Server(account, password, connector);
    }

    // ---- cold ----------------------------------------------------------------------------------------

    /**
     * Time from connecting to every header in the cache (state saved), and to the first 100 rows readable
     * by the list (the first page read from the cache as soon as the sync reports 100 rows written). Then,
     * with the cache and the connection still open ("the folder open"), the heap retained per row and the
     * process' peak RSS. With RUNS &gt; 1, the folder is then synced cold again RUNS - 1 times in the same JVM,
     * each into a new cache on a new connection: the app opening another large folder for the first time,
     * with its code run once already (lines {@code padlock-cold-again}).
     */
    static void cold(Path cacheFile, Server server, int runs) throws Exception {
        deleteCache(cacheFile);
        long baseline = usedHeapAfterGc();
        long t0 = System.nanoTime();
        long[] first100 = {-1};
        MailCache cache = MailCache.open(cacheFile);
        SyncConnection connection = server.connect();
        SyncResult result = connection.sync(cache.folder(FOLDER), (done, total) -> {
            if (first100[0] < 0 && done >= Math.min(100, total)) {
                List<CachedHeader> page = cache.page(FOLDER, 0, 100);
                if (!page.isEmpty()) {
                    first100[0] = System.nanoTime() - t0;
                }
            }
        });
        long elapsed = System.nanoTime() - t0;
        check(result.path() == SyncPath.COLD, "cold sync went " + result.path());
        List<CachedHeader> firstPage = cache.page(FOLDER, 0, 100); // what the list shows with the folder open
        int rows = cache.count(FOLDER);
        long retained = usedHeapAfterGc() - baseline;
        System.out.printf(Locale.ROOT, "padlock-cold ms=%d first100_ms=%d rows=%d bytes=%d connection_bytes=%d compressed=%s"
                        + " retained_heap=%d heap_per_row=%d vmhwm_kb=%d shown=%d%n",
                ms(elapsed), ms(first100[0]), rows, result.bytesRead() + result.bytesWritten(),
                connection.wire().read() + connection.wire().written(), connection.compressed(), retained,
                rows == 0 ? 0 : retained / rows, vmHwmKb(), firstPage.size());
        connection.close();
        cache.close();
        for (int run = 1; run < runs; run++) {
            coldAgain(cacheFile, server, run);
        }
    }

    private static void coldAgain(Path cacheFile, Server server, int run) throws Exception {
        deleteCache(cacheFile);
        long t0 = System.nanoTime();
        long[] first100 = {-1};
        try (MailCache cache = MailCache.open(cacheFile); SyncConnection connection = server.connect()) {
            SyncResult result = connection.sync(cache.folder(FOLDER), (done, total) -> {
                if (first100[0] < 0 && done >= Math.min(100, total) && !cache.page(FOLDER, 0, 100).isEmpty()) {
                    first100[0] = System.nanoTime() - t0;
                }
            });
            long elapsed = System.nanoTime() - t0;
            check(result.path() == SyncPath.COLD, "cold sync went " + result.path());
            System.out.printf(Locale.ROOT, "padlock-cold-again run=%d ms=%d first100_ms=%d rows=%d%n",
                    run, ms(elapsed), ms(first100[0]), cache.count(FOLDER));
        }
    }

    /**
     * The first sync as the app makes it, in a fresh JVM: the account is opened as the app opens it at start
     * ({@link MailAccount}: its cache, the folder list over its main connection), which happens before anyone
     * can click a folder; then the folder is synced ({@link MailAccount#sync}), timed from that click: the
     * sync connection's connect and login, every header into the cache, and the first 100 rows readable by
     * the list ({@link MailAccount#cachedRows} after the batch that passed 100).
     */
    static void coldApp(Path dataFolder, Server server) throws Exception {
        if (Files.exists(dataFolder)) {
            try (Stream<Path> files = Files.walk(dataFolder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        MemoryPasswords passwords = new MemoryPasswords();
        passwords.save(server.account().id(), server.password());
        long[] clicked = {0};
        long[] first100 = {-1};
        MailAccount[] opened = new MailAccount[1];
        AccountEvents events = new AccountEvents() {
            @Override
            public void cachedRowsChanged(String folder) {
                if (clicked[0] > 0 && first100[0] < 0 && opened[0].cachedRows(FOLDER, 0, 100).size() == 100) {
                    first100[0] = System.nanoTime() - clicked[0];
                }
            }
        };
        try (MailAccount account = new MailAccount(server.account(), passwords, server.connector(), dataFolder, events,
                Clock.systemUTC())) {
            opened[0] = account;
            long start = System.nanoTime();
            int folders = account.folders().get(1, TimeUnit.MINUTES).size();
            long openMs = ms(System.nanoTime() - start);
            clicked[0] = System.nanoTime();
            SyncResult result = account.sync(FOLDER).get(10, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - clicked[0];
            check(result.path() == SyncPath.COLD, "cold sync went " + result.path());
            System.out.printf(Locale.ROOT, "padlock-cold-app ms=%d first100_ms=%d rows=%d account_open_ms=%d folders=%d%n",
                    ms(elapsed), ms(first100[0]), account.cachedCount(FOLDER), openMs, folders);
        }
    }

    /**
     * Cold syncs into a cache that counts rows and keeps none, in one JVM (the first is a warm-up when RUNS &gt; 1):
     * what the sync itself costs, network and parsing, without SQLite.
     */
    static void coldDiscard(Server server, int runs) throws Exception {
        for (int i = 0; i < runs; i++) {
            DiscardingCache cache = new DiscardingCache(FOLDER);
            long cpu0 = processCpuNanos();
            long threadCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long[] first100 = {-1};
            long opened;
            SyncResult result;
            try (SyncConnection connection = server.connect()) {
                opened = System.nanoTime() - t0;
                result = connection.sync(cache, (done, total) -> {
                    if (first100[0] < 0 && done >= Math.min(100, total)) {
                        first100[0] = System.nanoTime() - t0;
                    }
                });
            }
            long elapsed = System.nanoTime() - t0;
            long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu0;
            long cpu = processCpuNanos() - cpu0;
            check(result.path() == SyncPath.COLD, "cold sync went " + result.path());
            System.out.printf(Locale.ROOT, "padlock-cold-discard run=%d ms=%d open_ms=%d first100_ms=%d rows=%d bytes=%d"
                            + " sync_thread_cpu_ms=%d process_cpu_ms=%d load=%.2f%n",
                    i, ms(elapsed), ms(opened), ms(first100[0]), cache.rows, result.bytesRead() + result.bytesWritten(),
                    ms(threadCpu), ms(cpu), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** A folder cache that keeps only its state and a count of the rows written to it. */
    static final class DiscardingCache implements FolderCache {
        private final String folder;
        private FolderState state;
        long rows;

        DiscardingCache(String folder) {
            this.folder = folder;
        }

        @Override
        public String folder() {
            return folder;
        }

        @Override
        public Optional<FolderState> state() {
            return Optional.ofNullable(state);
        }

        @Override
        public void reset() {
            state = null;
            rows = 0;
        }

        @Override
        public void putHeaders(List<CachedHeader> headers) {
            rows += headers.size();
        }

        @Override
        public void updateFlags(List<FlagUpdate> updates) {
        }

        @Override
        public void remove(long[] uids) {
        }

        @Override
        public long[] uids() {
            return new long[0];
        }

        @Override
        public int count() {
            return 0;
        }

        @Override
        public void saveState(FolderState newState) {
            state = newState;
        }
    }

    // ---- warm ----------------------------------------------------------------------------------------

    /**
     * Reopen with a warm cache: a new connection (TLS, LOGIN, ENABLE QRESYNC) and the sync, nothing changed.
     * The first run is the fresh JVM of an app start; the figure is the median of the runs after it.
     */
    static void warm(Path cacheFile, Server server, int runs) throws Exception {
        try (MailCache cache = MailCache.open(cacheFile)) {
            FolderCache folder = cache.folder(FOLDER);
            long[] ms = new long[runs];
            long[] bytes = new long[runs];
            long firstMs = 0;
            SyncPath path = null;
            for (int i = 0; i <= runs; i++) {
                long t0 = System.nanoTime();
                SyncResult result;
                long wire;
                try (SyncConnection connection = server.connect()) {
                    result = connection.sync(folder, (done, total) -> { });
                    wire = connection.wire().read() + connection.wire().written();
                }
                long elapsed = System.nanoTime() - t0;
                check(result.added() == 0 && result.removed() == 0,
                        "nothing changed, yet the sync added " + result.added() + " and removed " + result.removed());
                path = result.path();
                if (i == 0) {
                    firstMs = ms(elapsed);
                } else {
                    ms[i - 1] = ms(elapsed);
                    bytes[i - 1] = wire;
                }
            }
            System.out.printf(Locale.ROOT, "padlock-warm ms=%d first_jvm_ms=%d connection_bytes=%d path=%s runs=%s%n",
                    median(ms), firstMs, median(bytes), path, Arrays.toString(ms));
        }
    }

    /** Reopen after changes on the server; every run syncs its own copy of the cache as it was before them. */
    static void changed(Path cacheFile, Server server, int runs) throws Exception {
        long[] ms = new long[runs];
        long[] bytes = new long[runs];
        long firstMs = 0;
        SyncResult last = null;
        for (int i = 0; i <= runs; i++) {
            Path copy = cacheFile.resolveSibling(cacheFile.getFileName() + ".run" + i);
            copyCache(cacheFile, copy);
            try (MailCache cache = MailCache.open(copy)) {
                FolderCache folder = cache.folder(FOLDER);
                long t0 = System.nanoTime();
                long wire;
                try (SyncConnection connection = server.connect()) {
                    last = connection.sync(folder, (done, total) -> { });
                    wire = connection.wire().read() + connection.wire().written();
                }
                long elapsed = System.nanoTime() - t0;
                if (i == 0) {
                    firstMs = ms(elapsed);
                } else {
                    ms[i - 1] = ms(elapsed);
                    bytes[i - 1] = wire;
                }
            } finally {
                deleteCache(copy);
            }
        }
        System.out.printf(Locale.ROOT, "padlock-changed ms=%d first_jvm_ms=%d connection_bytes=%d path=%s added=%d changed=%d"
                        + " removed=%d runs=%s%n",
                median(ms), firstMs, median(bytes), last.path(), last.added(), last.changed(), last.removed(),
                Arrays.toString(ms));
    }

    // ---- search --------------------------------------------------------------------------------------

    /** The queries of the table, and a two-character Chinese word (no trigram: the LIKE path). */
    static final String[][] QUERIES = {
            {"en", "budget"},          // English word, in subjects ("Quarterly budget review")
            {"zh", "议纪要"},           // Chinese substring, inside 会议纪要
            {"from", "robinson"},      // a sender's name and address
            {"zh2", "预算"},            // two Chinese characters
    };

    static void search(Path cacheFile, int runs) {
        try (MailCache cache = MailCache.open(cacheFile)) {
            StringBuilder line = new StringBuilder("padlock-search");
            for (String[] q : QUERIES) {
                int hits = cache.search(q[1], FOLDER, 200).size(); // warm-up: SQLite pages in, statements compiled
                long[] ms = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    cache.search(q[1], FOLDER, 200);
                    ms[i] = micros(System.nanoTime() - t0);
                }
                line.append(String.format(Locale.ROOT, " %s_us=%d %s_hits=%d", q[0], median(ms), q[0], hits));
            }
            System.out.println(line);
        }
    }

    /**
     * What the app asks the server when the search box has a query: every message's text is searched, as
     * for a body never read here. The first run pays for reading the messages from disk into the page cache.
     */
    static void serverSearch(Server server, int runs) throws Exception {
        try (SyncConnection connection = server.connect()) {
            StringBuilder line = new StringBuilder("padlock-server-search");
            for (String[] q : new String[][] {QUERIES[0], QUERIES[1]}) {
                int hits = connection.search(FOLDER, List.of(q[1])).uids().length; // warm-up
                long[] ms = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    connection.search(FOLDER, List.of(q[1]));
                    ms[i] = ms(System.nanoTime() - t0);
                }
                line.append(String.format(Locale.ROOT, " %s_ms=%d %s_hits=%d", q[0], median(ms), q[0], hits));
            }
            System.out.println(line);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    static long ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    static long micros(long nanos) {
        return nanos / 1_000;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
    }

    /** CPU time of the whole JVM (JIT and GC included), or -1 where the platform does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The process' peak resident set (VmHWM), in KB; -1 where /proc is not there. */
    static long vmHwmKb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).map(l -> l.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    static List<Path> cacheFiles(Path file) {
        List<Path> files = new ArrayList<>();
        for (String suffix : new String[]{"", "-wal", "-shm", "-journal"}) {
            files.add(file.resolveSibling(file.getFileName() + suffix));
        }
        return files;
    }

    static void deleteCache(Path file) throws IOException {
        for (Path p : cacheFiles(file)) {
            Files.deleteIfExists(p);
        }
    }

    static void copyCache(Path from, Path to) throws IOException {
        deleteCache(to);
        List<Path> source = cacheFiles(from);
        List<Path> target = cacheFiles(to);
        for (int i = 0; i < source.size(); i++) {
            if (Files.exists(source.get(i))) {
                Files.copy(source.get(i), target.get(i), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
