package io.strata.agent;

import io.strata.agent.launcher.RunningProcess;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until the OCI runtime has created a container, by polling its {@code state.json} (a file read, not a runtime
 * invocation, so it can be polled every few milliseconds).
 */
final class ContainerStartWatch {
    private ContainerStartWatch() {
    }

    /**
     * Returns the container's init pid once the runtime recorded it in {@code stateFile}; 0 when {@code process} (the
     * task's supervisor) ended first, the state never appeared within {@code timeout}, or the thread was interrupted.
     */
    static long awaitCreated(OciRuntimeKind kind, Path stateFile, RunningProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int polls = 0;
        while (System.nanoTime() < deadline && !process.exit().isDone()) {
            try {
                if (Files.exists(stateFile)) {
                    long pid = Json.mesos().readTree(stateFile.toFile()).path(kind.pidField()).asLong(0);
                    if (pid > 0) {
                        return pid;
                    }
                }
            } catch (IOException e) {
                // written while we read: try again
            }
            try {
                // 1 ms steps growing to 5 ms over the first ~150 ms (a single create takes ~50-100 ms, and each
                // step is latency added to TASK_RUNNING), then 25 ms: a burst of starts polls less
                Thread.sleep(polls < 50 ? 1 + polls / 10 : 25);
                polls++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }
}
