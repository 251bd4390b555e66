package io.strata.services.engine;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.DurationInfo;
import io.strata.api.mesos.Environment;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.Label;
import io.strata.api.mesos.Labels;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.core.placement.PlacementPlan;
import io.strata.server.wire.ResourceWire;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.HealthCheckDefinition;
import io.strata.services.model.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Mesos {@link TaskInfo} of one placed instance the way Marathon's TaskBuilder does: the task name is
 * the app id as a hostname, the command runs under {@code /bin/sh -c} (or argv for {@code args}), Marathon's
 * environment variables and the ports ({@code PORT0..n}, {@code PORT}, {@code PORTS}) are set, a docker image
 * becomes a MESOS container with a DOCKER image, and agent-side health checks become {@code health_check}.
 */
final class TaskFactory {
    private static final long NANOS = 1_000_000_000L;

    private TaskFactory() {
    }

    static TaskInfo build(AppDefinition app, Instance instance, PlacementPlan.Assignment assignment) {
        Map<String, String> env = environment(app, instance);
        CommandInfo command = command(app, env);
        ContainerInfo container = app.container() == null || app.container().image() == null ? null
                : new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage(app.container().image()), null)), null);
        KillPolicy kill = app.taskKillGracePeriodSeconds() == null ? null
                : new KillPolicy(new DurationInfo(app.taskKillGracePeriodSeconds() * NANOS));
        List<Label> labels = new ArrayList<>();
        app.labels().forEach((k, v) -> labels.add(new Label(k, v)));
        return new TaskInfo(app.id().toHostname(), new TaskId(instance.taskId()), new AgentId(assignment.agentId()),
                ResourceWire.toWire(assignment.resources()), command, container, healthCheck(app, instance),
                kill, null, labels.isEmpty() ? null : new Labels(labels), discovery(app, instance));
    }

    private static Map<String, String> environment(AppDefinition app, Instance instance) {
        Map<String, String> env = new LinkedHashMap<>(app.env());
        List<Long> ports = instance.ports();
        for (int i = 0; i < ports.size(); i++) {
            env.put("PORT" + i, String.valueOf(ports.get(i)));
            if (i < instance.servicePorts().size()) {
                env.put("PORT_" + instance.servicePorts().get(i), String.valueOf(ports.get(i)));
            }
            String name = i < app.portDefinitions().size() ? app.portDefinitions().get(i).name() : null;
            if (name != null) {
                env.put("PORT_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"), String.valueOf(ports.get(i)));
            }
        }
        if (!ports.isEmpty()) {
            env.put("PORT", String.valueOf(ports.get(0)));
            env.put("PORTS", String.join(",", ports.stream().map(String::valueOf).toList()));
        }
        env.put("HOST", instance.host());
        env.put("MESOS_TASK_ID", instance.taskId());
        env.put("MARATHON_APP_ID", app.id().toString());
        env.put("MARATHON_APP_VERSION", io.strata.services.wire.AppWriter.time(app.version()));
        env.put("MARATHON_APP_DOCKER_IMAGE", app.container() == null || app.container().image() == null
                ? "" : app.container().image());
        env.put("MARATHON_APP_RESOURCE_CPUS", String.valueOf(app.cpus()));
        env.put("MARATHON_APP_RESOURCE_MEM", String.valueOf(app.mem()));
        env.put("MARATHON_APP_RESOURCE_DISK", String.valueOf(app.disk()));
        env.put("MARATHON_APP_RESOURCE_GPUS", String.valueOf(app.gpus()));
        List<String> labelNames = new ArrayList<>();
        app.labels().forEach((k, v) -> {
            String name = k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            labelNames.add(name);
            env.put("MARATHON_APP_LABEL_" + name, v);
        });
        env.put("MARATHON_APP_LABELS", String.join(" ", labelNames));
        return env;
    }

    private static CommandInfo command(AppDefinition app, Map<String, String> env) {
        List<Environment.Variable> variables = new ArrayList<>();
        env.forEach((k, v) -> variables.add(new Environment.Variable(k, v)));
        Environment environment = new Environment(variables);
        String prelude = FetchPrelude.script(app.fetch());
        if (app.cmd() != null) {
            return new CommandInfo(null, environment, true, prelude + app.cmd(), null, app.user());
        }
        if (!app.args().isEmpty() && !prelude.isEmpty()) {
            String argv = String.join(" ", app.args().stream().map(FetchPrelude::quote).toList());
            return new CommandInfo(null, environment, true, prelude + "exec " + argv, null, app.user());
        }
        if (!app.args().isEmpty()) {
            return new CommandInfo(null, environment, false, app.args().get(0), app.args(), app.user());
        }
        // an image without a command: the image's entrypoint runs
        return new CommandInfo(null, environment, false, null, List.of(), app.user());
    }

    private static HealthCheck healthCheck(AppDefinition app, Instance instance) {
        for (HealthCheckDefinition check : app.healthChecks()) {
            if (check.protocol().runsInFramework()) {
                continue;
            }
            double delay = check.delaySeconds();
            Double interval = (double) check.intervalSeconds();
            Double timeout = (double) check.timeoutSeconds();
            Integer failures = check.maxConsecutiveFailures();
            Double grace = (double) check.gracePeriodSeconds();
            return switch (check.protocol()) {
                case COMMAND -> new HealthCheck(HealthCheck.Type.COMMAND, delay, interval, timeout, failures, grace,
                        new CommandInfo(null, null, true, check.command(), null, null), null, null);
                case MESOS_HTTP, MESOS_HTTPS -> new HealthCheck(HealthCheck.Type.HTTP, delay, interval, timeout,
                        failures, grace, null, new HealthCheck.Http(check.protocol() == HealthCheckDefinition.Protocol.MESOS_HTTPS
                                ? "https" : "http", port(check, instance), check.path(), null), null);
                case MESOS_TCP -> new HealthCheck(HealthCheck.Type.TCP, delay, interval, timeout, failures, grace,
                        null, null, new HealthCheck.Tcp(port(check, instance)));
                case HTTP, HTTPS, TCP -> throw new IllegalStateException("framework-run check " + check.protocol());
            };
        }
        return null;
    }

    /** The port a check probes: {@code port}, else the instance's host port at {@code portIndex}. */
    static int port(HealthCheckDefinition check, Instance instance) {
        if (check.port() != null) {
            return check.port();
        }
        int index = check.portIndex() == null ? 0 : check.portIndex();
        return index < instance.ports().size() ? instance.ports().get(index).intValue() : 0;
    }

    private static TaskInfo.DiscoveryInfo discovery(AppDefinition app, Instance instance) {
        List<TaskInfo.DiscoveryInfo.Port> ports = new ArrayList<>();
        for (int i = 0; i < instance.ports().size() && i < app.portDefinitions().size(); i++) {
            AppDefinition.PortDefinition def = app.portDefinitions().get(i);
            ports.add(new TaskInfo.DiscoveryInfo.Port(instance.ports().get(i).intValue(), def.name(),
                    def.protocol().split(",")[0]));
        }
        return new TaskInfo.DiscoveryInfo("FRAMEWORK", app.id().toHostname(), null, null, null,
                new TaskInfo.DiscoveryInfo.Ports(ports), null);
    }
}
