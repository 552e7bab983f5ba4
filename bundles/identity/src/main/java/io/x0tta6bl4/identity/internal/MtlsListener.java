package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mTLS control listener. Each connection must complete a mutual TLS handshake within
 * the handshake timeout, with a client SVID the trust manager accepts; the listener then
 * answers one line {@code x0tta6bl4-identity 1 <our SPIFFE ID>} and closes. The SSLContext
 * comes from a supplier per connection, so a rotated SVID is used at once. At most
 * {@code MAX_CONNECTIONS} handshakes run at a time; more are closed.
 */
final class MtlsListener implements AutoCloseable {

    static final String GREETING = "x0tta6bl4-identity 1 ";
    private static final Logger LOG = LoggerFactory.getLogger(MtlsListener.class);
    private static final int MAX_CONNECTIONS = 16;

    private final ServerSocket server;
    private final Thread acceptor;
    private final ExecutorService handlers;
    private final Supplier<SSLContext> context;
    private final Supplier<String> ownId;
    private final int handshakeTimeoutMs;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Binds at once (the caller runs this off the activation thread).
     *
     * @param context supplies the current SSLContext, or null when this node has no SVID
     */
    MtlsListener(InetSocketAddress bind, Supplier<SSLContext> context, Supplier<String> ownId, int handshakeTimeoutMs)
            throws IOException {
        this.context = context;
        this.ownId = ownId;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 50);
        this.handlers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new NamedThreads("mtls-conn"));
        this.acceptor = new NamedThreads("mtls-listener").newThread(this::acceptLoop);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("mTLS listener on {} stopped accepting: {}", address(), e.getMessage());
                }
                return;
            }
            try {
                handlers.execute(() -> handle(s));
            } catch (RejectedExecutionException e) {
                closeQuietly(s);
            }
        }
    }

    private void handle(Socket raw) {
        open.add(raw);
        try (raw) {
            if (closed) {
                return;
            }
            SSLContext ctx = context.get();
            if (ctx == null) {
                return;
            }
            raw.setSoTimeout(handshakeTimeoutMs);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw,
                    raw.getInetAddress().getHostAddress(), raw.getPort(), false)) {
                tls.setUseClientMode(false);
                tls.setNeedClientAuth(true);
                tls.setEnabledProtocols(Tls.PROTOCOLS);
                tls.setSoTimeout(handshakeTimeoutMs);
                tls.startHandshake();
                OutputStream out = tls.getOutputStream();
                out.write((GREETING + ownId.get() + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // wait for the client to close, so TLS 1.3 client-certificate alerts reach it
                InputStream in = tls.getInputStream();
                in.read();
            }
        } catch (SSLException | SocketException e) {
            LOG.debug("mTLS handshake from {} failed: {}", raw.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("mTLS connection from {}: {}", raw.getRemoteSocketAddress(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("mTLS connection from {} failed: {}", raw.getRemoteSocketAddress(), e.toString());
        } finally {
            open.remove(raw);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        handlers.shutdownNow();
        open.forEach(MtlsListener::closeQuietly);
        try {
            acceptor.join(2000);
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing
        }
    }
}
