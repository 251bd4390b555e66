package io.strata.master;

import io.strata.server.ApiException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's single mutation thread (an actor, as libprocess gives Mesos): every read and write of the
 * registry happens in a task submitted here, so the registry needs no locks. Timers submit their work here
 * too.
 */
public final class MasterLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLoop.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService loop;
    private final ScheduledExecutorService timer;
    private volatile Thread loopThread;

    public MasterLoop(String name) {
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-loop");
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs work on the loop without waiting; failures are logged. */
    public void execute(Runnable work) {
        if (Thread.currentThread() == loopThread) {
            work.run();
            return;
        }
        try {
            loop.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("master loop task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: late work is dropped
        }
    }

    /** Runs work on the loop and waits for its result; {@link ApiException}s propagate unchanged. */
    public <T> T call(Callable<T> work) {
        if (Thread.currentThread() == loopThread) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            return result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw ApiException.unavailable("master is shutting down");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("master is busy; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }

    /** Runs work on the loop every period. */
    public ScheduledFuture<?> every(Duration period, Runnable work) {
        long ms = Math.max(1, period.toMillis());
        return timer.scheduleWithFixedDelay(() -> execute(work), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs work on the loop once after a delay. */
    public ScheduledFuture<?> after(Duration delay, Runnable work) {
        return timer.schedule(() -> execute(work), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        loop.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownNow();
    }
}
