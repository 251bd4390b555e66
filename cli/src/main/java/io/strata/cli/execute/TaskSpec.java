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
 * @param command the shell command ({@code /bin/sh -c})
 * @param environment extra environment variables, in the order given
 * @param resources what the task needs
 * @param role the framework's role, {@code "*"} for none
 * @param image a container image for the MESOS containerizer, or null for the agent's root filesystem
 * @param healthCheck a health check, or null
 */
public record TaskSpec(String name, String taskId, String command, Map<String, String> environment,
                       ResourceRequest resources, String role, String image, HealthCheck healthCheck) {
    /** Copies the environment, keeping its order. */
    public TaskSpec {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The TaskInfo to LAUNCH on {@code agentId} with resources carved from its offer. */
    public TaskInfo toTaskInfo(AgentId agentId, List<Resource> offered) {
        Environment env = null;
        if (!environment.isEmpty()) {
            List<Environment.Variable> variables = new ArrayList<>();
            environment.forEach((k, v) -> variables.add(new Environment.Variable(k, v)));
            env = new Environment(variables);
        }
        CommandInfo commandInfo = new CommandInfo(null, env, true, command, null, null);
        ContainerInfo container = image == null ? null : new ContainerInfo(ContainerInfo.Type.MESOS, null, null,
                new ContainerInfo.MesosInfo(new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                        new ContainerInfo.Image.DockerImage(image), null)), null);
        return new TaskInfo(name, new TaskId(taskId), agentId, offered, commandInfo, container, healthCheck, null,
                null, null, null);
    }
}
