package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.Label;
import io.strata.api.mesos.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A container's probes as its task's Mesos health check and general check (pure). The agent probes inside the pod's
 * network namespace ({@code 127.0.0.1}); exec probes of an image container run inside the container (its root file
 * system, through the OCI runtime), those of a plain container with {@code /bin/sh} on the agent's file system.
 * Mapping:
 * <ul>
 * <li>livenessProbe: the health check; failureThreshold consecutive failures kill the task, and restartPolicy decides
 *     the restart (the whole pod's group restarts, see {@link PodRun});</li>
 * <li>startupProbe: gates the liveness probe by Mesos' grace period: failures within initialDelaySeconds +
 *     failureThreshold x periodSeconds before the first success do not count; alone it is the health check and acts
 *     as a liveness probe after that window. The container reports {@code started} once the health check
 *     succeeded, and is not ready before;</li>
 * <li>readinessProbe: the general check ({@code TaskInfo.check}), which never kills; its results ({@code check_status}
 *     of the task's updates) drive the container's {@code ready}, the pod's Ready condition and so the Endpoints,
 *     independently of the liveness probe. The agent applies successThreshold and failureThreshold (task labels
 *     {@value #CHECK_SUCCESS_LABEL} and {@value #CHECK_FAILURE_LABEL}): a reported failure turns into a success after
 *     that many consecutive successes, and back after that many consecutive failures.</li>
 * </ul>
 * Upstream defaults: periodSeconds 10, timeoutSeconds 1, failureThreshold 3, successThreshold 1. terminationGracePeriod
 * of probes, httpGet host and headers, an HTTPS readinessProbe (a Mesos check has no scheme: probed over HTTP) and
 * grpc probes are not supported (a grpc probe is ignored).
 */
public final class Probes {
    /** Task label: the readiness probe's successThreshold, applied by the agent to the task's check. */
    public static final String CHECK_SUCCESS_LABEL = "strata.io/check-success-threshold";
    /** Task label: the readiness probe's failureThreshold, applied by the agent to the task's check. */
    public static final String CHECK_FAILURE_LABEL = "strata.io/check-failure-threshold";

    private Probes() {
    }

    /** Whether the container has a startup probe: it is neither started nor ready before its health check passed. */
    public static boolean startupGated(JsonNode container) {
        return supported(container.path("startupProbe"));
    }

    /** Whether the container has a readiness probe, hence a task check that decides its {@code ready}. */
    public static boolean readinessChecked(JsonNode container) {
        return supported(container.path("readinessProbe"));
    }

    /** Which probe the task's health check runs ({@code Liveness} or {@code Startup}), if any. */
    public static Optional<String> kind(JsonNode container) {
        if (supported(container.path("livenessProbe"))) {
            return Optional.of("Liveness");
        }
        return supported(container.path("startupProbe")) ? Optional.of("Startup") : Optional.empty();
    }

    /** The task's health check: the liveness probe (with the startup probe's grace) or the startup probe. */
    public static Optional<HealthCheck> healthCheck(JsonNode container) {
        JsonNode liveness = container.path("livenessProbe");
        JsonNode startup = container.path("startupProbe");
        double grace = supported(startup) ? startup.path("initialDelaySeconds").asDouble(0)
                + threshold(startup) * startup.path("periodSeconds").asDouble(10) : 0;
        if (supported(liveness)) {
            return Optional.of(check(container, liveness, threshold(liveness), grace));
        }
        if (supported(startup)) {
            return Optional.of(check(container, startup, threshold(startup), grace));
        }
        return Optional.empty();
    }

    /** The task's general check: the readiness probe, if the container has a supported one. */
    public static Optional<CheckInfo> readinessCheck(JsonNode container) {
        JsonNode probe = container.path("readinessProbe");
        if (!supported(probe)) {
            return Optional.empty();
        }
        HealthCheck h = check(container, probe, 0, 0);
        return Optional.of(switch (h.type()) {
            case COMMAND -> new CheckInfo(CheckInfo.Type.COMMAND, new CheckInfo.Command(h.command()), null, null,
                    h.delaySeconds(), h.intervalSeconds(), h.timeoutSeconds());
            case HTTP -> new CheckInfo(CheckInfo.Type.HTTP, null, new CheckInfo.Http(h.http().port(), h.http().path()),
                    null, h.delaySeconds(), h.intervalSeconds(), h.timeoutSeconds());
            default -> new CheckInfo(CheckInfo.Type.TCP, null, null, new CheckInfo.Tcp(h.tcp().port()),
                    h.delaySeconds(), h.intervalSeconds(), h.timeoutSeconds());
        });
    }

    /** The labels carrying the readiness probe's thresholds to the agent (none without a readiness probe). */
    public static List<Label> checkLabels(JsonNode container) {
        JsonNode probe = container.path("readinessProbe");
        if (!supported(probe)) {
            return List.of();
        }
        return List.of(new Label(CHECK_SUCCESS_LABEL,
                        Integer.toString(Math.max(1, probe.path("successThreshold").asInt(1)))),
                new Label(CHECK_FAILURE_LABEL, Integer.toString(threshold(probe))));
    }

    /** Whether a check result is a passing readiness result (exit 0, HTTP 200..399, TCP connected); null: unknown. */
    public static Boolean passing(CheckStatusInfo status) {
        if (status == null) {
            return null;
        }
        if (status.command() != null) {
            return status.command().exitCode() == null ? null : status.command().exitCode() == 0;
        }
        if (status.http() != null) {
            Integer code = status.http().statusCode();
            return code == null ? null : code >= 200 && code < 400;
        }
        return status.tcp() == null ? null : status.tcp().succeeded();
    }

    /**
     * The readiness result an update carries: {@link #passing(CheckStatusInfo)}, and a failure for a check result
     * without a value (a command that timed out, an HTTP check without a response: refused or timed out), which the
     * agent sends only as a check update ({@code REASON_TASK_CHECK_STATUS_UPDATED}); null when unknown.
     */
    public static Boolean readiness(TaskStatus status) {
        Boolean passing = passing(status.checkStatus());
        if (passing == null && status.checkStatus() != null
                && status.reason() == TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED) {
            return false;
        }
        return passing;
    }

    /** Upstream-like text of a failed check result, for the {@code Unhealthy} event. */
    public static String failure(CheckStatusInfo status) {
        if (status.command() != null) {
            return status.command().exitCode() == null ? "command timed out"
                    : "command exited " + status.command().exitCode();
        }
        if (status.http() != null) {
            return status.http().statusCode() == null ? "HTTP probe failed: no response (refused or timed out)"
                    : "HTTP probe failed with statuscode: " + status.http().statusCode();
        }
        return "TCP connect failed";
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
