package io.strata.agent;

import io.strata.agent.health.HealthCheckSpec;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Health checks of task-group tasks, which listen inside their group's network namespace: each kind of check becomes
 * one shell command that enters the namespace ({@code nsenter --net}) and probes {@code 127.0.0.1} there, so a
 * group's {@code 127.0.0.1:80} is its own and not the host's. TCP uses socat, HTTP curl (both on the agent's host).
 */
final class PodProbes {
    static final String NSENTER = "/usr/bin/nsenter";

    private PodProbes() {
    }

    /** The shell command that runs the check inside the namespace bound to {@code netns}; exit 0 means healthy. */
    static String command(HealthCheckSpec spec, Path netns) {
        String enter = NSENTER + " --net=" + quote(netns.toString()) + " -- ";
        return switch (spec) {
            case HealthCheckSpec.Command c -> "exec " + enter + "/bin/sh -c " + quote(c.shellCommand());
            case HealthCheckSpec.Tcp t -> "exec " + enter + "socat -u OPEN:/dev/null TCP:127.0.0.1:" + t.port();
            case HealthCheckSpec.Http h -> "code=$(" + enter + "curl -s -k -o /dev/null -w '%{http_code}' "
                    + quote(h.scheme() + "://127.0.0.1:" + h.port() + h.path()) + ") || exit 1; " + statusTest(h);
        };
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
