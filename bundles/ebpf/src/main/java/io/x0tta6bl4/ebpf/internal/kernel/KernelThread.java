package io.x0tta6bl4.ebpf.internal.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One dedicated thread for kernel work in one network namespace. {@code setns()} moves only
 * the calling thread, so the thread of a named namespace enters
 * {@code /var/run/netns/<name>} before its first task and stays there; tasks submitted to
 * it see that namespace's interfaces. The thread of the host namespace ({@code name == null})
 * enters nothing.
 */
public final class KernelThread implements AutoCloseable {

    /** Names {@code ip netns} accepts, without path tricks. */
    private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final String NETNS_DIR = "/var/run/netns/";

    private final String netns;
    private final ExecutorService executor;
    private volatile String enterFailure;
    private volatile Thread thread;

    public KernelThread(Libbpf lib, String netns, String threadName) {
        if (netns != null && !NETNS.matcher(netns).matches()) {
            throw new IllegalArgumentException("'" + netns + "' is not a network namespace name");
        }
        this.netns = netns;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        if (netns != null) {
            executor.execute(() -> enter(lib));
        }
    }

    public static boolean validNetns(String name) {
        return name != null && NETNS.matcher(name).matches();
    }

    private void enter(Libbpf lib) {
        if (!lib.available()) {
            enterFailure = lib.unavailableReason();
            return;
        }
        int fd = lib.libc.open(NETNS_DIR + netns, LibcNative.O_RDONLY | LibcNative.O_CLOEXEC);
        if (fd < 0) {
            enterFailure = "no network namespace '" + netns + "' (" + NETNS_DIR + netns + ": "
                    + lib.strerror(com.sun.jna.Native.getLastError()) + ")";
            return;
        }
        try {
            int rc = lib.libc.setns(fd, LibcNative.CLONE_NEWNET);
            if (rc != 0) {
                enterFailure = "cannot enter network namespace '" + netns + "': "
                        + lib.strerror(com.sun.jna.Native.getLastError());
            }
        } finally {
            lib.libc.close(fd);
        }
    }

    public String netns() {
        return netns;
    }

    /** Runs a task on this thread; the future fails when the namespace could not be entered. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (enterFailure != null) {
                    f.completeExceptionally(new BpfException(enterFailure, 2));
                    return;
                }
                try {
                    f.complete(task.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("the kernel thread is stopped"));
        }
        return f;
    }

    /**
     * Stops the thread after the queued tasks, waiting at most the given time. The executor
     * reports termination before its worker has exited, so the thread itself is joined too:
     * when this returns true the thread is gone.
     */
    public boolean stop(long timeoutMs) {
        executor.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                return false;
            }
            Thread t = thread;
            if (t != null) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                return !t.isAlive();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(5000);
    }
}
