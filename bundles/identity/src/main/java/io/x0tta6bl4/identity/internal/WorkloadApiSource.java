package io.x0tta6bl4.identity.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.SocketEndpointAddressException;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.DefaultWorkloadApiClient;
import io.spiffe.workloadapi.Watcher;
import io.spiffe.workloadapi.WorkloadApiClient;
import io.spiffe.workloadapi.X509Context;
import io.spiffe.workloadapi.retry.ExponentialBackoffPolicy;

/**
 * The SPIFFE Workload API through java-spiffe's client: one streaming
 * {@code FetchX509SVID} watch that delivers the first SVID and every rotation. The
 * connection attempt has a deadline ({@code timeoutMs}): with no X.509 context by then the
 * source reports down and starts over. When the stream fails, the client is closed and a
 * new one is made after a backoff of 1 s doubling to 30 s. java-spiffe's own retries are
 * limited to one so that failures reach this class, which reports them as one line;
 * java-spiffe's and gRPC's java.util.logging output is silenced while a source runs
 * (they log stack traces on every retry).
 */
final class WorkloadApiSource implements IdentitySource {

    private static final Logger SPIFFE_LOG = Logger.getLogger("io.spiffe");
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");
    private static final long MAX_BACKOFF_MS = 30_000;

    private final String address;
    private final long timeoutMs;
    private final ScheduledThreadPoolExecutor control;
    private volatile Listener listener;
    private volatile boolean closed;
    private WorkloadApiClient client;
    private ExecutorService clientThreads;
    private ScheduledFuture<?> deadline;
    private long generation;
    private long backoffMs = 1000;
    private boolean gotContext;

    /**
     * @param address {@code unix:/path} or {@code unix:///path}
     */
    WorkloadApiSource(String address, long timeoutMs) {
        this.address = address;
        this.timeoutMs = timeoutMs;
        this.control = new ScheduledThreadPoolExecutor(1, new NamedThreads("workload"));
        control.setRemoveOnCancelPolicy(true);
    }

    /** A configured socket as an address: a bare path gets {@code unix:}. */
    static String address(String socket) {
        String s = socket.trim();
        return s.startsWith("/") ? "unix:" + s : s;
    }

    @Override
    public String describe() {
        return "workload API " + address;
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
        SPIFFE_LOG.setLevel(Level.OFF);
        GRPC_LOG.setLevel(Level.SEVERE);
        control.execute(this::connect);
    }

    @Override
    public void refresh() {
        control.execute(() -> {
            backoffMs = 1000;
            connect();
        });
    }

    @Override
    public void close() {
        closed = true;
        control.shutdownNow();
        try {
            control.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            disconnect();
        }
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        disconnect();
        long gen = ++generation;
        gotContext = false;
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(WorkloadApiSource.class.getClassLoader());
        try {
            clientThreads = Executors.newCachedThreadPool(new NamedThreads("workload-grpc"));
            ExponentialBackoffPolicy once = ExponentialBackoffPolicy.builder().maxRetries(1)
                    .initialDelay(Duration.ofMillis(500)).maxDelay(Duration.ofSeconds(1)).build();
            client = DefaultWorkloadApiClient.newClient(DefaultWorkloadApiClient.ClientOptions.builder()
                    .spiffeSocketPath(address).exponentialBackoffPolicy(once).executorService(clientThreads).build());
            client.watchX509Context(new Watcher<>() {
                @Override
                public void onUpdate(X509Context update) {
                    onContext(gen, update);
                }

                @Override
                public void onError(Throwable error) {
                    onFailure(gen, "Workload API " + address + " failed: " + rootMessage(error) + socketHint());
                }
            });
            deadline = control.schedule(() -> onDeadline(gen), timeoutMs, TimeUnit.MILLISECONDS);
        } catch (SocketEndpointAddressException | RuntimeException e) {
            disconnect();
            report("Workload API address '" + address + "' is not usable: " + rootMessage(e));
            retryLater(gen);
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
    }

    private void disconnect() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (client != null) {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(WorkloadApiSource.class.getClassLoader());
            try {
                client.close();
            } catch (Exception e) {
                // closing a broken client
            } finally {
                Thread.currentThread().setContextClassLoader(tccl);
            }
            client = null;
        }
        if (clientThreads != null) {
            clientThreads.shutdownNow();
            clientThreads = null;
        }
    }

    private void onContext(long gen, X509Context ctx) {
        SvidMaterial m;
        try {
            X509Svid svid = ctx.getDefaultSvid();
            X509Bundle bundle = ctx.getX509BundleSet().getBundleForTrustDomain(svid.getSpiffeId().getTrustDomain());
            m = SvidMaterial.of(svid.getChain(), svid.getPrivateKey(), new ArrayList<>(bundle.getX509Authorities()),
                    address, false);
        } catch (Exception e) {
            onFailure(gen, "Workload API " + address + " sent an unusable X.509 context: " + rootMessage(e));
            return;
        }
        synchronized (this) {
            if (gen != generation || closed) {
                return;
            }
            gotContext = true;
            backoffMs = 1000;
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
        listener.update(m);
    }

    private void onDeadline(long gen) {
        synchronized (this) {
            if (gen != generation || gotContext || closed) {
                return;
            }
        }
        onFailure(gen, "no X.509-SVID from Workload API " + address + " within " + timeoutMs + " ms");
    }

    private void onFailure(long gen, String reason) {
        synchronized (this) {
            if (gen != generation || closed) {
                return;
            }
            generation++;
            // close on the control thread: this may be a gRPC thread of the client being closed
            long next = generation;
            control.execute(() -> {
                synchronized (this) {
                    disconnect();
                }
            });
            retryLater(next);
        }
        report(reason);
    }

    private synchronized void retryLater(long gen) {
        if (closed) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        try {
            control.schedule(() -> {
                synchronized (this) {
                    if (gen != generation) {
                        return;
                    }
                }
                connect();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void report(String reason) {
        Listener l = listener;
        if (l != null && !closed) {
            l.down(reason);
        }
    }

    /** Says so when the Unix socket does not exist, the usual reason for UNAVAILABLE. */
    private String socketHint() {
        if (!address.startsWith("unix:")) {
            return "";
        }
        try {
            String path = URI.create(address).getPath();
            return path != null && !Files.exists(Path.of(path))
                    ? " (no socket at " + path + ")" : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String msg = ChainVerifier.oneLine(e);
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = ChainVerifier.oneLine(t);
            }
        }
        return msg;
    }

    static List<X509Certificate> list(X509Certificate[] a) {
        return List.of(a);
    }
}
