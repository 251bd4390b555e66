package io.strata.services.wire;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.HealthCheckDefinition;
import io.strata.services.model.HealthResult;
import io.strata.services.model.Instance;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes apps and tasks as Marathon's JSON (field names and order of Marathon 1.4 responses); the same form is
 * stored in ZooKeeper, so {@link AppReader} reads it back.
 */
public final class AppWriter {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AppWriter() {
    }

    /** Marathon's timestamp form: ISO 8601, milliseconds, UTC ({@code 2015-09-30T09:09:17.614Z}). */
    public static String time(Instant instant) {
        return instant == null ? null : ISO.format(instant);
    }

    /** The app's definition fields (no status fields). */
    public static Map<String, Object> definition(AppDefinition app) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", app.id().toString());
        out.put("cmd", app.cmd());
        out.put("args", app.args().isEmpty() ? null : app.args());
        out.put("user", app.user());
        out.put("env", app.env());
        out.put("instances", app.instances());
        out.put("cpus", app.cpus());
        out.put("mem", app.mem());
        out.put("disk", app.disk());
        out.put("gpus", app.gpus());
        out.put("executor", "");
        out.put("constraints", app.constraints());
        out.put("uris", app.fetch().stream().map(AppDefinition.FetchUri::uri).toList());
        out.put("fetch", app.fetch().stream().map(AppWriter::fetch).toList());
        out.put("storeUrls", List.of());
        out.put("backoffSeconds", whole(app.backoffSeconds()));
        out.put("backoffFactor", app.backoffFactor());
        out.put("maxLaunchDelaySeconds", whole(app.maxLaunchDelaySeconds()));
        out.put("container", container(app.container()));
        out.put("healthChecks", app.healthChecks().stream().map(AppWriter::healthCheck).toList());
        out.put("readinessChecks", List.of());
        out.put("dependencies", app.dependencies());
        Map<String, Object> upgrade = new LinkedHashMap<>();
        upgrade.put("minimumHealthCapacity", app.upgradeStrategy().minimumHealthCapacity());
        upgrade.put("maximumOverCapacity", app.upgradeStrategy().maximumOverCapacity());
        out.put("upgradeStrategy", upgrade);
        out.put("labels", app.labels());
        out.put("acceptedResourceRoles", app.acceptedResourceRoles());
        out.put("ipAddress", null);
        out.put("version", time(app.version()));
        out.put("residency", null);
        out.put("secrets", Map.of());
        out.put("taskKillGracePeriodSeconds", app.taskKillGracePeriodSeconds());
        out.put("unreachableStrategy", app.unreachableStrategy().disabled() ? "disabled" : Map.of(
                "inactiveAfterSeconds", app.unreachableStrategy().inactiveAfterSeconds(),
                "expungeAfterSeconds", app.unreachableStrategy().expungeAfterSeconds()));
        out.put("killSelection", app.killSelection().name());
        if (app.version() != null) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("lastScalingAt", time(app.lastScalingAt()));
            info.put("lastConfigChangeAt", time(app.lastConfigChangeAt()));
            out.put("versionInfo", info);
        }
        out.put("ports", app.portDefinitions().stream().map(AppDefinition.PortDefinition::port).toList());
        out.put("portDefinitions", app.portDefinitions().stream().map(AppWriter::port).toList());
        out.put("requirePorts", app.requirePorts());
        return out;
    }

    private static Object whole(double value) {
        return value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE ? (Object) (int) value : value;
    }

    private static Map<String, Object> fetch(AppDefinition.FetchUri uri) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uri", uri.uri());
        out.put("extract", uri.extract());
        out.put("executable", uri.executable());
        out.put("cache", uri.cache());
        if (uri.outputFile() != null) {
            out.put("outputFile", uri.outputFile());
        }
        return out;
    }

    private static Map<String, Object> port(AppDefinition.PortDefinition port) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("port", port.port());
        out.put("protocol", port.protocol());
        if (port.name() != null) {
            out.put("name", port.name());
        }
        out.put("labels", port.labels());
        return out;
    }

    private static Map<String, Object> container(AppDefinition.ContainerDefinition container) {
        if (container == null) {
            return null;
        }
        Map<String, Object> docker = new LinkedHashMap<>();
        docker.put("image", container.image());
        if (container.network() != null) {
            docker.put("network", container.network());
        }
        docker.put("forcePullImage", container.forcePullImage());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", container.type());
        out.put("volumes", List.of());
        out.put("docker", docker);
        return out;
    }

    private static Map<String, Object> healthCheck(HealthCheckDefinition check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gracePeriodSeconds", check.gracePeriodSeconds());
        out.put("intervalSeconds", check.intervalSeconds());
        out.put("timeoutSeconds", check.timeoutSeconds());
        out.put("maxConsecutiveFailures", check.maxConsecutiveFailures());
        if (check.portIndex() != null) {
            out.put("portIndex", check.portIndex());
        }
        if (check.port() != null) {
            out.put("port", check.port());
        }
        if (check.path() != null) {
            out.put("path", check.path());
        }
        out.put("protocol", check.protocol().name());
        if (check.command() != null) {
            out.put("command", Map.of("value", check.command()));
        }
        out.put("ignoreHttp1xx", check.ignoreHttp1xx());
        if (!check.protocol().runsInFramework()) {
            out.put("delaySeconds", check.delaySeconds());
        }
        return out;
    }

    /** A task as {@code /v2/tasks} and {@code embed=apps.tasks} show it. */
    public static Map<String, Object> task(Instance instance, AppDefinition app) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", instance.taskId());
        out.put("slaveId", instance.agentId());
        out.put("host", instance.host());
        out.put("state", instance.condition().mesosName());
        out.put("startedAt", time(instance.startedAt()));
        out.put("stagedAt", time(instance.stagedAt()));
        out.put("ports", instance.ports());
        out.put("version", time(instance.version()));
        out.put("ipAddresses", List.of(Map.of("ipAddress", instance.host() == null ? "" : instance.host(),
                "protocol", "IPv4")));
        out.put("appId", instance.appId().toString());
        out.put("servicePorts", instance.servicePorts());
        if (app != null && app.healthChecks().stream().anyMatch(h -> h.protocol().runsInFramework()
                || instance.healthy() != null)) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (HealthResult probed : instance.healthResults()) {
                // one entry per framework-run check probed so far
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("alive", probed.alive());
                result.put("consecutiveFailures", probed.consecutiveFailures());
                result.put("firstSuccess", time(probed.firstSuccess()));
                result.put("lastFailure", time(probed.lastFailure()));
                result.put("lastSuccess", time(probed.lastSuccess()));
                result.put("lastFailureCause", probed.lastFailureCause());
                result.put("instanceId", instance.taskId());
                result.put("taskId", instance.taskId());
                results.add(result);
            }
            if (results.isEmpty() && instance.healthy() != null) {
                // agent-run checks report one verdict through the task status
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("alive", instance.healthy());
                result.put("consecutiveFailures", instance.consecutiveFailures());
                result.put("firstSuccess", null);
                result.put("lastFailure", time(instance.lastHealthFailure()));
                result.put("lastSuccess", time(instance.lastHealthSuccess()));
                result.put("lastFailureCause", null);
                result.put("instanceId", instance.taskId());
                result.put("taskId", instance.taskId());
                results.add(result);
            }
            out.put("healthCheckResults", results);
        }
        return out;
    }
}
