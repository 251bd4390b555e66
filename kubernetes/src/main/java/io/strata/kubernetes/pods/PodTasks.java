package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.DurationInfo;
import io.strata.api.mesos.Environment;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates a bound pod into one LAUNCH_GROUP: every container a task (an image container when the pod does not
 * ask for the host runtime), command/args over the image's Entrypoint/Cmd, env with values resolved from
 * ConfigMaps, Secrets and the pod's fields, resources from limits/requests, the grace period as kill policy. The
 * annotation {@code k8s.mesosphere.io/runtime: host} runs the containers' commands on the agent's host file system
 * (still in the group's cgroup and network namespace) instead of in their images. Pure, apart from the
 * {@link Lookup} it is given.
 */
public final class PodTasks {

    /** The annotation selecting the host runtime. */
    public static final String RUNTIME_ANNOTATION = "k8s.mesosphere.io/runtime";

    /** Reads ConfigMaps and Secrets ({@code resource} is {@code configmaps} or {@code secrets}). */
    @FunctionalInterface
    public interface Lookup {
        /** The object, if it exists. */
        Optional<JsonNode> get(String resource, String namespace, String name);
    }

    /**
     * A container's environment or volumes could not be built (a missing ConfigMap, Secret or key): the containers
     * wait with {@link #waitingReason()} and the pod gets a Warning event with {@link #eventReason()}.
     */
    public static final class ConfigError extends RuntimeException {
        private final String waitingReason;
        private final String eventReason;

        ConfigError(String message) {
            this(message, "CreateContainerConfigError", "Failed");
        }

        ConfigError(String message, String waitingReason, String eventReason) {
            super(message);
            this.waitingReason = waitingReason;
            this.eventReason = eventReason;
        }

        /** The containers' waiting reason ({@code CreateContainerConfigError}, {@code ContainerCreating}). */
        public String waitingReason() {
            return waitingReason;
        }

        /** The event's reason ({@code Failed}, {@code FailedMount}). */
        public String eventReason() {
            return eventReason;
        }

        /** The event's message as upstream words it ({@code Error: ...} for config errors). */
        public String eventMessage() {
            return eventReason.equals("Failed") ? "Error: " + getMessage() : getMessage();
        }
    }

    /** Agent task label: earlier tasks of the group that must finish first (init containers run in order). */
    static final String START_AFTER_LABEL = "strata.io/start-after";

    private PodTasks() {
    }

    /** The group's executor (DEFAULT) for attempt {@code attempt}, without port mappings. */
    public static Offer.ExecutorInfo executor(JsonNode pod, int attempt) {
        return executor(pod, attempt, HostPorts.NONE);
    }

    /**
     * The group's executor (DEFAULT) for attempt {@code attempt}: it holds the host ports of {@code ports} as its
     * ports resource and maps each to its container port, so the agent relays the agent's address and host port
     * into the group's network namespace.
     */
    public static Offer.ExecutorInfo executor(JsonNode pod, int attempt, HostPorts ports) {
        TaskNames names = TaskNames.of(ns(pod), name(pod), attempt, "");
        List<io.strata.api.mesos.Resource> resources = new ArrayList<>(scalars(ContainerResources.EXECUTOR));
        ContainerInfo container = null;
        if (!ports.byContainerPort().isEmpty()) {
            List<ContainerInfo.NetworkInfo.PortMapping> mappings = new ArrayList<>();
            StringBuilder ranges = new StringBuilder();
            ports.byContainerPort().forEach((c, h) -> {
                mappings.add(new ContainerInfo.NetworkInfo.PortMapping(h, c, "tcp"));
                ranges.append(ranges.isEmpty() ? "" : ",").append(h).append('-').append(h);
            });
            resources.addAll(io.strata.server.wire.ResourceWire.toWire(io.strata.core.resources.ResourceParser
                    .parse("ports:[" + ranges + "]", io.strata.core.resources.Resource.UNRESERVED)));
            container = new ContainerInfo(ContainerInfo.Type.MESOS, null, null, null,
                    List.of(new ContainerInfo.NetworkInfo(null, mappings)));
        }
        return new Offer.ExecutorInfo("DEFAULT", new ExecutorId(names.executorId()), null, null, resources,
                container, null);
    }

    /**
     * The tasks of attempt {@code attempt}, one per container: the init containers first, each started by the agent
     * once the one before it finished ({@value #START_AFTER_LABEL}), then the app containers, started once the last
     * init container finished; all in the group's network namespace and sandbox.
     *
     * @throws ConfigError when an env reference or a volume cannot be resolved (upstream's
     *     CreateContainerConfigError, FailedMount)
     */
    public static List<TaskInfo> tasks(JsonNode pod, int attempt, AgentId agent, String podIp, Lookup lookup) {
        List<TaskInfo> tasks = new ArrayList<>();
        String previousInit = null;
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            tasks.add(task(pod, c, attempt, agent, podIp, lookup, previousInit, ContainerResources.initShare(pod, c)));
            previousInit = tasks.get(tasks.size() - 1).taskId().value();
        }
        for (JsonNode c : pod.path("spec").path("containers")) {
            tasks.add(task(pod, c, attempt, agent, podIp, lookup, previousInit, ContainerResources.of(c)));
        }
        return tasks;
    }

    private static TaskInfo task(JsonNode pod, JsonNode c, int attempt, AgentId agent, String podIp, Lookup lookup,
            String after, ContainerResources resources) {
        boolean host = "host".equals(pod.path("metadata").path("annotations").path(RUNTIME_ANNOTATION).asText());
        long grace = pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        TaskNames names = TaskNames.of(ns(pod), name(pod), attempt, c.path("name").asText());
        List<String> command = strings(c.path("command"));
        List<String> args = strings(c.path("args"));
        Environment env = new Environment(env(pod, c, podIp, lookup));
        List<ContainerInfo.Volume> volumes = PodVolumes.of(pod, c, host, lookup);
        CommandInfo cmd;
        ContainerInfo container = volumes.isEmpty() ? null
                : new ContainerInfo(ContainerInfo.Type.MESOS, volumes, null, null, null);
        if (host) {
            List<String> argv = new ArrayList<>(command);
            argv.addAll(args);
            if (argv.isEmpty()) {
                throw new ConfigError("container " + c.path("name").asText()
                        + ": the host runtime needs a command");
            }
            cmd = new CommandInfo(null, env, true, shellJoin(argv), null, null);
        } else {
            List<String> arguments = new ArrayList<>();
            String value = null;
            if (!command.isEmpty()) {
                value = command.get(0);
                arguments.addAll(command);
            }
            arguments.addAll(args);
            cmd = new CommandInfo(null, env, false, value, arguments, null);
            container = new ContainerInfo(ContainerInfo.Type.MESOS, volumes.isEmpty() ? null : volumes, null,
                    new ContainerInfo.MesosInfo(
                    new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                            new ContainerInfo.Image.DockerImage(c.path("image").asText()),
                            !"Always".equals(c.path("imagePullPolicy").asText()))), null);
        }
        List<io.strata.api.mesos.Label> labels = new ArrayList<>();
        if (after != null) {
            labels.add(new io.strata.api.mesos.Label(START_AFTER_LABEL, after));
        }
        labels.addAll(Probes.checkLabels(c));
        return new TaskInfo(names.taskId(), new TaskId(names.taskId()), agent, scalars(resources), cmd,
                container, Probes.healthCheck(c).orElse(null),
                new KillPolicy(new DurationInfo(grace * 1_000_000_000L)), null,
                labels.isEmpty() ? null : new io.strata.api.mesos.Labels(labels), null,
                Probes.readinessCheck(c).orElse(null));
    }

    /** Quotes argv for {@code /bin/sh -c}. */
    static String shellJoin(List<String> argv) {
        StringBuilder b = new StringBuilder("exec");
        for (String a : argv) {
            b.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }

    private static List<Environment.Variable> env(JsonNode pod, JsonNode c, String podIp, Lookup lookup) {
        List<Environment.Variable> vars = new ArrayList<>();
        for (JsonNode e : c.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                vars.add(new Environment.Variable(name, e.path("value").asText()));
                continue;
            }
            JsonNode from = e.path("valueFrom");
            Optional<String> value;
            boolean optional;
            if (from.has("configMapKeyRef")) {
                JsonNode ref = from.path("configMapKeyRef");
                optional = ref.path("optional").asBoolean(false);
                value = key(lookup, "configmaps", ns(pod), ref, false);
                if (value.isEmpty() && !optional) {
                    throw new ConfigError("configmap \"" + ref.path("name").asText() + "\" or its key \""
                            + ref.path("key").asText() + "\" not found");
                }
            } else if (from.has("secretKeyRef")) {
                JsonNode ref = from.path("secretKeyRef");
                optional = ref.path("optional").asBoolean(false);
                value = key(lookup, "secrets", ns(pod), ref, true);
                if (value.isEmpty() && !optional) {
                    throw new ConfigError("secret \"" + ref.path("name").asText() + "\" or its key \""
                            + ref.path("key").asText() + "\" not found");
                }
            } else if (from.has("fieldRef")) {
                value = Optional.of(field(pod, from.path("fieldRef").path("fieldPath").asText(), podIp));
            } else {
                value = Optional.empty();
            }
            value.ifPresent(v -> vars.add(new Environment.Variable(name, v)));
        }
        return vars;
    }

    private static Optional<String> key(Lookup lookup, String resource, String namespace, JsonNode ref,
            boolean base64) {
        Optional<JsonNode> object = lookup.get(resource, namespace, ref.path("name").asText());
        if (object.isEmpty()) {
            return Optional.empty();
        }
        String k = ref.path("key").asText();
        JsonNode data = object.get().path("data").path(k);
        if (!data.isMissingNode() && !data.isNull()) {
            if (!base64) {
                return Optional.of(data.asText());
            }
            try {
                return Optional.of(new String(java.util.Base64.getDecoder().decode(data.asText()),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        JsonNode plain = object.get().path("stringData").path(k);
        return plain.isMissingNode() || plain.isNull() ? Optional.empty() : Optional.of(plain.asText());
    }

    /** A downward-API field ({@code metadata.name}, {@code metadata.labels['app']}, {@code status.podIP}...). */
    static String field(JsonNode pod, String path, String podIp) {
        if (path.startsWith("metadata.labels['") || path.startsWith("metadata.annotations['")) {
            String map = path.startsWith("metadata.labels") ? "labels" : "annotations";
            String key = path.substring(path.indexOf("['") + 2, path.length() - 2);
            return pod.path("metadata").path(map).path(key).asText("");
        }
        return switch (path) {
            case "metadata.name" -> name(pod);
            case "metadata.namespace" -> ns(pod);
            case "metadata.uid" -> pod.path("metadata").path("uid").asText();
            case "spec.nodeName" -> pod.path("spec").path("nodeName").asText();
            case "spec.serviceAccountName" -> pod.path("spec").path("serviceAccountName").asText();
            case "status.podIP", "status.hostIP" -> podIp;
            default -> "";
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<io.strata.api.mesos.Resource> scalars(ContainerResources r) {
        return io.strata.server.wire.ResourceWire.toWire(io.strata.core.resources.ResourceParser.parse(
                "cpus:" + Math.round(r.cpus() * 1000) / 1000.0 + ";mem:" + Math.round(r.memMb() * 1000) / 1000.0,
                io.strata.core.resources.Resource.UNRESERVED));
    }

    static String ns(JsonNode pod) {
        return pod.path("metadata").path("namespace").asText("default");
    }

    static String name(JsonNode pod) {
        return pod.path("metadata").path("name").asText();
    }
}
