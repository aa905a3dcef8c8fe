package org.padlockmail.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted server on 127.0.0.1 for protocol and attack tests, in the spirit of K-9 Mail's scripted IMAP
 * server: each accepted connection runs the same script of steps ({@link #send}, {@link #expect},
 * {@link #startTls}, ...). It records everything the client sent, before and after TLS, so a test can
 * prove a password never arrived.
 */
public final class HostileServer implements AutoCloseable {

    /** One step of the conversation. */
    @FunctionalInterface
    public interface Step {
        void run(Conversation conversation) throws IOException;
    }

    /** How a TLS server side behaves: its credential, and optionally restricted versions or suites. */
    public record Tls(SSLContext context, List<String> protocols, List<String> cipherSuites) {
        public static Tls of(TestCertificates.Credential credential) {
            return new Tls(credential.serverContext(), List.of(), List.of());
        }

        public Tls protocols(String... versions) {
            return new Tls(context, List.of(versions), cipherSuites);
        }

        public Tls cipherSuites(String... suites) {
            return new Tls(context, protocols, List.of(suites));
        }
    }

    private final List<Step> script = new ArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private ServerSocket listener;

    public HostileServer send(String line) {
        script.add(c -> c.write(line + "\r\n"));
        return this;
    }

    /** Writes exactly these bytes in one write, so that they arrive together (e.g. an injection behind an answer). */
    public HostileServer sendRaw(String bytes) {
        script.add(c -> c.write(bytes));
        return this;
    }

    public HostileServer expect(String regex) {
        Pattern pattern = Pattern.compile(regex);
        script.add(c -> {
            String line = c.readLine();
            if (!pattern.matcher(line).matches()) {
                throw new IOException("expected /" + regex + "/ but the client sent: " + line);
            }
        });
        return this;
    }

    /** Turns the connection into TLS, server side; a failed handshake ends this connection. */
    public HostileServer startTls(Tls tls) {
        script.add(c -> c.startTls(tls));
        return this;
    }

    /** Accepts and never answers again, until the client gives up. */
    public HostileServer stall() {
        script.add(c -> {
            while (c.in.read() >= 0) {
                // keep swallowing until the client closes
            }
        });
        return this;
    }

    public HostileServer then(Step step) {
        script.add(step);
        return this;
    }

    public HostileServer start() throws IOException {
        return startOn(0);
    }

    /** Starts on a given port: for a second server that takes over the address of a first one. */
    public HostileServer startOn(int port) throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        Thread acceptor = new Thread(this::acceptLoop, "hostile-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** All bytes any client sent on any connection, decrypted where TLS was used. */
    public String receivedText() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    public int connectionCount() {
        return connections.get();
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread worker = new Thread(() -> serve(socket), "hostile-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(20_000);
            Conversation conversation = new Conversation(socket);
            for (Step step : script) {
                step.run(conversation);
            }
            conversation.out.flush();
            // Linger until the client is done, so it is the client that decides how the conversation ends.
            while (conversation.in.read() >= 0) {
                // swallow (and record) whatever comes
            }
        } catch (EOFException e) {
            // the client hung up: a normal end for a hostile script
        } catch (IOException e) {
            if (!listener.isClosed()) {
                failures.add(e);
            }
        }
    }

    /** One connection's streams, replaced by TLS ones after {@link #startTls}. */
    public final class Conversation {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Conversation(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = new FilterInputStream(s.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        synchronized (received) {
                            received.write(b);
                        }
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        synchronized (received) {
                            received.write(buffer, offset, n);
                        }
                    }
                    return n;
                }
            };
            out = s.getOutputStream();
        }

        public void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Reads one line byte by byte, so nothing beyond it is consumed before a TLS switch. */
        public String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("client closed the connection");
                }
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        void startTls(Tls tls) throws IOException {
            SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            ssl.setUseClientMode(false);
            if (!tls.protocols().isEmpty()) {
                ssl.setEnabledProtocols(tls.protocols().toArray(new String[0]));
            }
            if (!tls.cipherSuites().isEmpty()) {
                ssl.setEnabledCipherSuites(tls.cipherSuites().toArray(new String[0]));
            }
            ssl.startHandshake();
            open.add(ssl);
            use(ssl);
        }
    }
}
