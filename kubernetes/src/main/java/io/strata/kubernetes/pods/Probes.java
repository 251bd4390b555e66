package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A container's probes as the one Mesos health check the agent runs for its task (pure). The agent probes inside the
 * pod's network namespace ({@code 127.0.0.1}), runs exec probes with {@code /bin/sh} on its host file system, and
 * kills the task after the check's consecutive failures (0: never). Mapping:
 * <ul>
 * <li>livenessProbe: the check; failureThreshold consecutive failures kill the task, and restartPolicy decides
 *     the restart (the whole pod's group restarts, see {@link PodRun});</li>
 * <li>readinessProbe without a liveness probe: the check with no kill; its health drives the container's
 *     {@code ready}, the pod's Ready condition and so the Endpoints. With a liveness probe as well, readiness
 *     follows the liveness check's result (one check per task);</li>
 * <li>startupProbe: gates the others by Mesos' grace period: failures within initialDelaySeconds +
 *     failureThreshold x periodSeconds before the first success do not count; alone it acts as a liveness probe
 *     after that window. The container reports {@code started} once a check succeeded.</li>
 * </ul>
 * Upstream defaults: periodSeconds 10, timeoutSeconds 1, failureThreshold 3, successThreshold 1. A readiness
 * probe's successThreshold (when the check is the readiness probe) becomes the agent's success threshold: the
 * container is ready after that many consecutive successes (liveness and startup probes must have 1, as upstream
 * validates). terminationGracePeriod of probes, httpGet host and headers, and grpc probes are not supported (a grpc probe is ignored).
 */
public final class Probes {

    private Probes() {
    }

    /** Whether the container's {@code ready} waits for the health check (a readiness or startup probe). */
    public static boolean gatesReadiness(JsonNode container) {
        return supported(container.path("readinessProbe")) || supported(container.path("startupProbe"));
    }

    /** Which probe the task's health check runs ({@code Liveness}, {@code Readiness}, {@code Startup}), if any. */
    public static Optional<String> kind(JsonNode container) {
        if (supported(container.path("livenessProbe"))) {
            return Optional.of("Liveness");
        }
        if (supported(container.path("readinessProbe"))) {
            return Optional.of("Readiness");
        }
        return supported(container.path("startupProbe")) ? Optional.of("Startup") : Optional.empty();
    }

    /**
     * How many consecutive successes make the task healthy: the readiness probe's successThreshold when the task's
     * check is the readiness probe, else 1.
     */
    public static int successThreshold(JsonNode container) {
        if (kind(container).filter("Readiness"::equals).isEmpty()) {
            return 1;
        }
        return Math.max(1, container.path("readinessProbe").path("successThreshold").asInt(1));
    }

    /** The task's health check, if the container has a supported probe. */
    public static Optional<HealthCheck> healthCheck(JsonNode container) {
        JsonNode liveness = container.path("livenessProbe");
        JsonNode readiness = container.path("readinessProbe");
        JsonNode startup = container.path("startupProbe");
        double grace = supported(startup) ? startup.path("initialDelaySeconds").asDouble(0)
                + threshold(startup) * startup.path("periodSeconds").asDouble(10) : 0;
        if (supported(liveness)) {
            return Optional.of(check(container, liveness, threshold(liveness), grace));
        }
        if (supported(readiness)) {
            return Optional.of(check(container, readiness, 0, grace));
        }
        if (supported(startup)) {
            return Optional.of(check(container, startup, threshold(startup), grace));
        }
        return Optional.empty();
    }

    private static boolean supported(JsonNode probe) {
        return probe.has("exec") || probe.has("httpGet") || probe.has("tcpSocket");
    }

    private static int threshold(JsonNode probe) {
        return Math.max(1, probe.path("failureThreshold").asInt(3));
    }

    private static HealthCheck check(JsonNode container, JsonNode probe, int failures, double grace) {
        double delay = probe.path("initialDelaySeconds").asDouble(0);
        double interval = Math.max(1, probe.path("periodSeconds").asDouble(10));
        double timeout = Math.max(1, probe.path("timeoutSeconds").asDouble(1));
        if (probe.has("exec")) {
            List<String> argv = new ArrayList<>();
            probe.path("exec").path("command").forEach(a -> argv.add(a.asText()));
            return new HealthCheck(HealthCheck.Type.COMMAND, delay, interval, timeout, failures, grace,
                    new CommandInfo(null, null, true, argv.isEmpty() ? "false" : PodTasks.shellJoin(argv), null,
                            null), null, null);
        }
        if (probe.has("httpGet")) {
            JsonNode get = probe.path("httpGet");
            String path = get.path("path").asText("/");
            return new HealthCheck(HealthCheck.Type.HTTP, delay, interval, timeout, failures, grace, null,
                    new HealthCheck.Http(get.path("scheme").asText("HTTP").toLowerCase(Locale.ROOT),
                            port(container, get.path("port")), path.isEmpty() ? "/" : path, null), null);
        }
        return new HealthCheck(HealthCheck.Type.TCP, delay, interval, timeout, failures, grace, null, null,
                new HealthCheck.Tcp(port(container, probe.path("tcpSocket").path("port"))));
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    static int port(JsonNode container, JsonNode port) {
        if (port.isNumber() || port.asText().matches("\\d+")) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new PodTasks.ConfigError("container " + container.path("name").asText() + ": probe port \""
                + port.asText() + "\" names no container port");
    }
}
