package io.strata.cli.execute;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.Environment;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one task {@code strata execute} runs.
 *
 * @param name the task name
 * @param taskId the task id
 * @param command the shell command ({@code /bin/sh -c}), or null to run an image's default
 * @param environment extra environment variables, in the order given
 * @param resources what the task needs
 * @param role the framework's role, {@code "*"} for none
 * @param image a container image for the MESOS containerizer, or null for the agent's root filesystem
 * @param healthCheck a health check, or null
 * @param privateNetwork whether the task gets a network namespace of its own (image tasks)
 * @param containerPorts container ports forwarded from the task's host ports, in order
 */
public record TaskSpec(String name, String taskId, String command, Map<String, String> environment,
                       ResourceRequest resources, String role, String image, HealthCheck healthCheck,
                       boolean privateNetwork, List<Integer> containerPorts) {
    /** Copies the environment, keeping its order. */
    public TaskSpec {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        containerPorts = List.copyOf(containerPorts);
    }

    /** A task on the agent's network with no forwarded ports. */
    public TaskSpec(String name, String taskId, String command, Map<String, String> environment,
                    ResourceRequest resources, String role, String image, HealthCheck healthCheck) {
        this(name, taskId, command, environment, resources, role, image, healthCheck, false, List.of());
    }

    /** The TaskInfo to LAUNCH on {@code agentId} with resources carved from its offer. */
    public TaskInfo toTaskInfo(AgentId agentId, List<Resource> offered) {
        Environment env = null;
        if (!environment.isEmpty()) {
            List<Environment.Variable> variables = new ArrayList<>();
            environment.forEach((k, v) -> variables.add(new Environment.Variable(k, v)));
            env = new Environment(variables);
        }
        // no command with an image: shell=false and no value runs the image's entrypoint and command
        CommandInfo commandInfo = command == null ? new CommandInfo(null, env, false, null, null, null)
                : new CommandInfo(null, env, true, command, null, null);
        List<ContainerInfo.NetworkInfo> networks = null;
        if (privateNetwork) {
            List<Long> hostPorts = new ArrayList<>();
            for (Resource r : offered) {
                if ("ports".equals(r.name()) && r.ranges() != null) {
                    r.ranges().range().forEach(range -> {
                        for (long p = range.begin(); p <= range.end(); p++) {
                            hostPorts.add(p);
                        }
                    });
                }
            }
            List<ContainerInfo.NetworkInfo.PortMapping> mappings = new ArrayList<>();
            for (int i = 0; i < containerPorts.size(); i++) {
                mappings.add(new ContainerInfo.NetworkInfo.PortMapping(hostPorts.get(i), containerPorts.get(i), "tcp"));
            }
            networks = List.of(new ContainerInfo.NetworkInfo("private", mappings));
        }
        ContainerInfo container = image == null ? null : new ContainerInfo(ContainerInfo.Type.MESOS, null, null,
                new ContainerInfo.MesosInfo(new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                        new ContainerInfo.Image.DockerImage(image), null)), networks);
        return new TaskInfo(name, new TaskId(taskId), agentId, offered, commandInfo, container, healthCheck, null,
                null, null, null);
    }
}
