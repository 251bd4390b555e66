package io.strata.store.leader;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread on which a contender or detector runs all its state changes and listener calls, so they
 * need no locks and listeners see transitions in order.
 */
final class EventLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    EventLoop(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread created = new Thread(task, threadName);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /** Runs {@code task} on the loop soon; silently dropped once the loop is shut down. */
    void execute(Runnable task) {
        try {
            executor.execute(() -> runLogged(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("event loop shut down, dropping a task");
        }
    }

    /** Runs {@code task} on the loop after {@code delay}; silently dropped once the loop is shut down. */
    void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(() -> runLogged(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("event loop shut down, dropping a scheduled task");
        }
    }

    /** Runs {@code task} on the loop and waits up to {@code timeout} for it; runs it inline when on the loop. */
    void runAndWait(Runnable task, Duration timeout) {
        if (Thread.currentThread() == thread) {
            runLogged(task);
            return;
        }
        try {
            Future<?> done = executor.submit(() -> runLogged(task));
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException e) {
            LOG.debug("event loop could not run a task: {}", e.toString());
        } catch (TimeoutException e) {
            LOG.warn("event loop task did not finish within {} ms", timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting tasks and, unless called on the loop itself, waits up to {@code timeout} for the rest. */
    void shutdown(Duration timeout) {
        executor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on event loop", e);
        }
    }
}
