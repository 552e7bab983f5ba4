package io.x0tta6bl4.healing.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.x0tta6bl4.api.healing.ActionResult;

/**
 * Calls into remediation actions, plugins among them, on threads of its own and with a
 * deadline: an action that blocks holds neither a pipeline thread nor its incident, which
 * moves on to its next candidate. A call past its deadline is interrupted and abandoned;
 * when {@link #MAX_THREADS} calls are still stuck, further calls fail at once rather than
 * piling up threads.
 */
final class ActionRunner implements AutoCloseable {

    static final String THREAD_PREFIX = "x0tta6bl4-healing-action-";
    static final int MAX_THREADS = 8;

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, THREAD_PREFIX + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    /**
     * Runs the call and waits at most {@code timeoutMs}.
     *
     * @return the action's result, or a FAILED result naming the deadline or the lack of threads
     * @throws Exception what the action threw, for the dead-letter channel
     */
    ActionResult call(Callable<ActionResult> call, long timeoutMs) throws Exception {
        Future<ActionResult> future;
        try {
            future = pool.submit(call);
        } catch (RejectedExecutionException e) {
            return ActionResult.failed("not run: " + MAX_THREADS + " earlier action calls are still running"
                    + " past their deadline");
        }
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return ActionResult.failed("timed out after " + timeoutMs + " ms (action.timeout.ms); interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException("the action failed with " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
