import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The floor of the benchmark: the least any client must do to list a folder. TLS to the server (trusting
 * only the given CA, name checked), LOGIN, SELECT INBOX, one
 * {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)}, every byte read until the tagged OK,
 * nothing parsed beyond finding line ends and literals, nothing kept.
 *
 * <pre>
 *   ALICE_PASSWORD=... java RawFloor.java HOST PORT CA_PEM USER PASSWORD_ENV_VAR
 * </pre>
 *
 * Prints one line: {@code floor ms=<connect to tagged OK> fetch_ms=<FETCH sent to tagged OK>
 * bytes_in=<IMAP bytes read> bytes_out=<IMAP bytes written> messages=<FETCH responses>}. The clock starts
 * at the TCP connect (the TLS context is built before), so JVM start is not counted.
 */
public class RawFloor {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java RawFloor.java HOST PORT CA_PEM USER PASSWORD_ENV_VAR");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String user = args[3];
        String password = System.getenv(args[4]);
        if (password == null) throw new IllegalArgumentException("environment variable " + args[4] + " is not set");
        SSLContext tls = trusting(Path.of(args[2]));

        long t0 = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(120_000);
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name check, as HTTPS does
            socket.setSSLParameters(params);
            socket.startHandshake();
            Reader in = new Reader(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            in.untilTagged(null); // greeting
            send(out, in, "a1 LOGIN " + quoted(user) + " " + quoted(password));
            in.untilTagged("a1");
            send(out, in, "a2 SELECT INBOX");
            in.untilTagged("a2");
            long f0 = System.nanoTime();
            in.fetches = 0;
            send(out, in, "a3 UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)");
            in.untilTagged("a3");
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "floor ms=%d fetch_ms=%d bytes_in=%d bytes_out=%d messages=%d%n",
                    (t1 - t0) / 1_000_000, (t1 - f0) / 1_000_000, in.bytes, in.written, in.fetches);
            send(out, in, "a4 LOGOUT");
            in.untilTagged("a4");
        }
    }

    static void send(OutputStream out, Reader in, String line) throws IOException {
        byte[] b = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        out.write(b);
        out.flush();
        in.written += b.length;
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int n = 0;
        for (var c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caPem)))) {
            ks.setCertificateEntry("ca" + n++, (X509Certificate) c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Reads responses in 64 KB chunks, following line ends and {@code {n}} literals only far enough to
     * find where each response starts (to count FETCH responses and spot the tagged one).
     */
    static final class Reader {
        final InputStream in;
        final byte[] buf = new byte[1 << 16];
        int pos, end;
        long bytes, written;
        int fetches;
        byte[] line = new byte[4096];
        int len;

        Reader(InputStream in) {
            this.in = in;
        }

        /** Reads responses until one tagged {@code tag} (or, for null, one untagged line: the greeting). */
        void untilTagged(String tag) throws IOException {
            while (true) {
                boolean logicalStart = true;
                String head = null;
                // A logical response: physical lines joined by literals.
                while (true) {
                    readLine();
                    if (logicalStart) {
                        head = new String(line, 0, Math.min(len, 32), StandardCharsets.ISO_8859_1);
                        logicalStart = false;
                    }
                    long literal = literalAtEnd();
                    if (literal < 0) break;
                    skip(literal);
                }
                if (head.startsWith("* ") && head.indexOf(" FETCH ") > 0) fetches++;
                if (tag == null) return;
                if (head.startsWith(tag + " ")) {
                    if (!head.startsWith(tag + " OK")) throw new IOException("server answered: " + head.strip());
                    return;
                }
            }
        }

        /** The next line (without CRLF) into {@code line}/{@code len}. */
        void readLine() throws IOException {
            len = 0;
            while (true) {
                if (pos == end) fill();
                int start = pos;
                while (pos < end && buf[pos] != '\n') pos++;
                append(start, pos);
                if (pos < end) {
                    pos++; // the '\n'
                    if (len > 0 && line[len - 1] == '\r') len--;
                    return;
                }
            }
        }

        void append(int from, int to) {
            int n = to - from;
            if (len + n > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, len + n));
            System.arraycopy(buf, from, line, len, n);
            len += n;
        }

        /** n for a line ending in {n} (or {n+}), else -1. */
        long literalAtEnd() {
            if (len < 3 || line[len - 1] != '}') return -1;
            int i = len - 2;
            if (line[i] == '+') i--;
            long n = 0, mult = 1;
            int digits = 0;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                n += (line[i] - '0') * mult;
                mult *= 10;
                i--;
                digits++;
            }
            return digits > 0 && i >= 0 && line[i] == '{' ? n : -1;
        }

        void skip(long n) throws IOException {
            while (n > 0) {
                if (pos == end) fill();
                int k = (int) Math.min(n, end - pos);
                pos += k;
                n -= k;
            }
        }

        void fill() throws IOException {
            int n = in.read(buf);
            if (n < 0) throw new IOException("connection closed by the server");
            pos = 0;
            end = n;
            bytes += n;
        }
    }
}
