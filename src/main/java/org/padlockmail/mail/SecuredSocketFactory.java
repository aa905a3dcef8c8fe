package org.padlockmail.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.DelegatingSocket;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.RefusalException;

/**
 * The socket factory Angus is given (as {@code mail.<protocol>.socketFactory}, with fallback off): every
 * connection Angus opens, including the extra ones for folders, goes through {@link SecureConnector} with
 * full trust checks, and its report goes to the listener. Angus believes it talks plaintext IMAP/SMTP and
 * so never runs its own STARTTLS, whose gaps (stale capabilities, pre-TLS alerts, refusals reported as
 * authentication failures) therefore cannot occur.
 */
public final class SecuredSocketFactory extends SocketFactory {

    private final SecureConnector connector;
    private final Endpoint endpoint;
    private final Consumer<ConnectionReport> reports;
    private final WireCounter wire;

    public SecuredSocketFactory(SecureConnector connector, Endpoint endpoint, Consumer<ConnectionReport> reports) {
        this(connector, endpoint, reports, null);
    }

    /** With {@code wire} (may be null) counting the bytes of every connection made through this factory. */
    public SecuredSocketFactory(SecureConnector connector, Endpoint endpoint, Consumer<ConnectionReport> reports,
                                WireCounter wire) {
        this.connector = connector;
        this.endpoint = endpoint;
        this.reports = reports;
        this.wire = wire;
    }

    /** Angus asks for an unconnected socket and then connects it: that is when the secure connection is made. */
    @Override
    public Socket createSocket() {
        return new SecuredSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        SecuredSocket socket = new SecuredSocket();
        socket.connect(null, 0);
        return socket;
    }

    /** Connects to the configured endpoint whatever address it is given: the endpoint is what the user typed. */
    private final class SecuredSocket extends DelegatingSocket {
        private Socket socket;
        private InputStream input;
        private int pendingTimeout = -1;
        private boolean closedBeforeConnect;

        @Override
        protected Socket delegate() throws SocketException {
            if (socket == null) {
                throw new SocketException("not connected");
            }
            return socket;
        }

        @Override
        public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
            if (closedBeforeConnect) {
                throw new SocketException("socket closed");
            }
            SecureConnector.Opened opened;
            try {
                opened = connector.open(endpoint);
            } catch (RefusalException e) {
                reports.accept(e.report());
                throw e;
            }
            reports.accept(opened.report());
            socket = opened.socket();
            input = new SequenceInputStream(new ByteArrayInputStream(opened.replayFirst()), socket.getInputStream());
            if (wire != null) {
                input = wire.count(input);
            }
            if (pendingTimeout >= 0) {
                socket.setSoTimeout(pendingTimeout);
            }
        }

        @Override
        public void connect(SocketAddress address) throws IOException {
            connect(address, 0);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            delegate();
            return input;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            OutputStream out = delegate().getOutputStream();
            return wire == null ? out : wire.count(out);
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            if (socket == null) {
                pendingTimeout = timeout;
            } else {
                socket.setSoTimeout(timeout);
            }
        }

        @Override
        public synchronized int getSoTimeout() throws SocketException {
            return socket == null ? Math.max(pendingTimeout, 0) : socket.getSoTimeout();
        }

        @Override
        public synchronized void close() throws IOException {
            if (socket == null) {
                closedBeforeConnect = true;
            } else {
                socket.close();
            }
        }
    }
}
