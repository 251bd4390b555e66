package io.strata.agent;

import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.oci.NetworkNamespace;
import io.strata.api.mesos.TaskInfo;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Health checks of task-group tasks, which listen inside their group's network namespace: each kind of check becomes
 * one shell command that enters the namespace ({@code nsenter --net}) and probes {@code 127.0.0.1} there, so a
 * group's {@code 127.0.0.1:80} is its own and not the host's. TCP uses socat, HTTP curl (both on the agent's host).
 * A task labelled {@value #SUCCESS_THRESHOLD_LABEL} {@code N} (Kubernetes' probe successThreshold, a Strata extension:
 * Mesos has none) is healthy only after N consecutive successful checks; the count lives in a file of the task's.
 */
final class PodProbes {
    /** Task label: how many consecutive successful checks make the task healthy (default 1). */
    static final String SUCCESS_THRESHOLD_LABEL = "strata.io/health-success-threshold";
    /** The file, in the task's checkpoint directory, counting consecutive successes. */
    static final String SUCCESSES_FILE = "health-successes";

    private PodProbes() {
    }

    /** The shell command that runs the check inside the namespace bound to {@code netns}; exit 0 means healthy. */
    static String command(HealthCheckSpec spec, Path netns) {
        String enter = NetworkNamespace.NSENTER + " --net=" + quote(netns.toString()) + " -- ";
        return switch (spec) {
            case HealthCheckSpec.Command c -> "exec " + enter + "/bin/sh -c " + quote(c.shellCommand());
            case HealthCheckSpec.Tcp t -> "exec " + enter + "socat -u OPEN:/dev/null TCP:127.0.0.1:" + t.port();
            case HealthCheckSpec.Http h -> "code=$(" + enter + "curl -s -k -o /dev/null -w '%{http_code}' "
                    + quote(h.scheme() + "://127.0.0.1:" + h.port() + h.path()) + ") || exit 1; " + statusTest(h);
        };
    }

    /**
     * The command of a general check (Mesos {@code TaskInfo.check}) inside the namespace: as
     * {@link #command(HealthCheckSpec, Path)}, except that an HTTP check prints the response's status code (the
     * check reports it) and fails only without a response.
     */
    static String checkCommand(HealthCheckSpec spec, Path netns) {
        if (spec instanceof HealthCheckSpec.Http h) {
            return "exec " + NetworkNamespace.NSENTER + " --net=" + quote(netns.toString())
                    + " -- curl -s -k -o /dev/null -w '%{http_code}' "
                    + quote(h.scheme() + "://127.0.0.1:" + h.port() + h.path());
        }
        return command(spec, netns);
    }

    /**
     * The check of {@link #command(HealthCheckSpec, Path)} that passes only once it succeeded {@code threshold} times
     * in a row: each success adds one to the count in {@code counter}, each failure resets it to 0. Example with a
     * threshold of 2: success (count 1, unhealthy), success (2, healthy), failure (0, unhealthy), success (1,
     * unhealthy).
     */
    static String command(HealthCheckSpec spec, Path netns, int threshold, Path counter) {
        String file = quote(counter.toString());
        return "if ( " + command(spec, netns) + " ); then n=$(( $(cat " + file + " 2>/dev/null || echo 0) + 1 ));"
                + " else n=0; fi; echo \"$n\" > " + file + "; [ \"$n\" -ge " + threshold + " ]";
    }

    /** The task's {@value #SUCCESS_THRESHOLD_LABEL}: 1 when absent or not a positive number. */
    static int successThreshold(TaskInfo task) {
        return TaskLabels.positive(task, SUCCESS_THRESHOLD_LABEL);
    }

    /** Mesos' rule: a status in the given set, or in 200..399 when the set is empty. */
    private static String statusTest(HealthCheckSpec.Http h) {
        if (h.statuses().isEmpty()) {
            return "[ \"$code\" -ge 200 ] && [ \"$code\" -lt 400 ]";
        }
        return "case \"$code\" in " + h.statuses().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining("|")) + ") exit 0;; *) exit 1;; esac";
    }

    /** Single-quotes a word for {@code /bin/sh}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
