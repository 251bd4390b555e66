package io.strata.agent.launcher;

import io.strata.agent.isolation.Isolator;
import io.strata.agent.isolation.ProcFs;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a task: SIGTERM to the task, up to the grace period for it to exit, then SIGKILL to the task (so that its
 * supervisor still records 137) and finally {@link Isolator#killAll} for every process left in the group, including
 * orphans that were never part of the visible tree.
 *
 * <p>Each kill runs on its own virtual thread; the returned future completes with the task's exit status.
 */
public final class Killer {

    /** How long to wait after SIGKILL for the supervisor to record the task's status. */
    static final Duration RECORD_WAIT = Duration.ofSeconds(1);
    /** How long to wait for the supervisor after the group was killed. */
    static final Duration FINAL_WAIT = Duration.ofSeconds(5);

    private final Isolator isolator;

    /** Creates a killer that ends the remaining processes through {@code isolator}. */
    public Killer(Isolator isolator) {
        this.isolator = Objects.requireNonNull(isolator, "isolator");
    }

    /** Stops {@code process} according to {@code policy}; returns its exit status once it and its group are gone. */
    public CompletableFuture<ExitStatus> kill(RunningProcess process, KillPolicy policy) {
        return kill(process, policy, () -> process.signal(ProcFs.SIGTERM));
    }

    /**
     * As {@link #kill(RunningProcess, KillPolicy)}, with {@code stop} sending the first, polite signal instead of
     * SIGTERM to the task (e.g. a container image's stop signal through its runtime).
     */
    public CompletableFuture<ExitStatus> kill(RunningProcess process, KillPolicy policy, Runnable stop) {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(policy, "policy");
        CompletableFuture<ExitStatus> result = new CompletableFuture<>();
        Thread.ofVirtual().name("strata-kill-" + process.id()).start(() -> {
            try {
                result.complete(killNow(process, policy, stop));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private ExitStatus killNow(RunningProcess process, KillPolicy policy, Runnable stop) {
        if (!process.exit().isDone()) {
            stop.run();
            if (await(process, policy.gracePeriod()).isEmpty()) {
                process.signal(ProcFs.SIGKILL);
                await(process, RECORD_WAIT);
            }
        }
        isolator.killAll(process.id());
        return await(process, FINAL_WAIT)
                .orElseGet(() -> new ExitStatus.Unknown("unknown: supervisor did not exit after kill"));
    }

    private static Optional<ExitStatus> await(RunningProcess process, Duration timeout) {
        try {
            return Optional.of(process.exit().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("exit future of " + process + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
