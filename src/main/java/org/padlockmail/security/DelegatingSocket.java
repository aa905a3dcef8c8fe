package org.padlockmail.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * A socket that forwards everything to another one. Subclasses change one aspect (what the input stream
 * shows, or how the connection is established) and leave the rest of the socket's behaviour intact.
 */
public abstract class DelegatingSocket extends Socket {

    private static final Socket UNCONNECTED = new Socket();

    protected abstract Socket delegate() throws SocketException;

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        delegate().connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        delegate().connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        delegate().bind(bindpoint);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return delegate().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return delegate().getOutputStream();
    }

    @Override
    public SocketChannel getChannel() {
        return null; // the stream-level view is all a delegate offers
    }

    @Override
    public InetAddress getInetAddress() {
        return quietly().getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return quietly().getLocalAddress();
    }

    @Override
    public int getPort() {
        return quietly().getPort();
    }

    @Override
    public int getLocalPort() {
        return quietly().getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return quietly().getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return quietly().getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        delegate().setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return delegate().getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        delegate().setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return delegate().getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        delegate().sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        delegate().setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return delegate().getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        delegate().setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return delegate().getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        delegate().setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return delegate().getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        delegate().setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return delegate().getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        delegate().setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return delegate().getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        delegate().setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return delegate().getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        delegate().setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return delegate().getReuseAddress();
    }

    @Override
    public void close() throws IOException {
        delegate().close();
    }

    @Override
    public void shutdownInput() throws IOException {
        delegate().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        delegate().shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return quietly().isConnected();
    }

    @Override
    public boolean isBound() {
        return quietly().isBound();
    }

    @Override
    public boolean isClosed() {
        return quietly().isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return quietly().isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return quietly().isOutputShutdown();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        quietly().setPerformancePreferences(connectionTime, latency, bandwidth);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + quietly() + "]";
    }

    /** For the accessors that cannot throw: before a delegate exists they describe an unconnected socket. */
    private Socket quietly() {
        try {
            return delegate();
        } catch (SocketException e) {
            return UNCONNECTED;
        }
    }
}
