package io.strata.agent;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The environment a task starts with, as Mesos' command executor sets it: the {@code MESOS_*} variables, {@code HOST},
 * the task's assigned ports as {@code PORT0..n}, {@code PORT} and {@code PORTS}, then the task's own variables (which
 * win). Pure.
 */
final class TaskEnvironment {
    /** At most this many ports become {@code PORTn} variables. */
    static final int MAX_PORT_VARIABLES = 1000;

    private TaskEnvironment() {
    }

    /** Returns the environment of {@code c}'s task on agent {@code agentId} reached at {@code hostname}. */
    static Map<String, String> of(Container c, AgentId agentId, String hostname) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_SANDBOX", c.sandbox.toString());
        env.put("MESOS_TASK_ID", c.task.taskId().value());
        env.put("MESOS_FRAMEWORK_ID", c.framework.id().value());
        env.put("MESOS_EXECUTOR_ID", c.executorId());
        env.put("MESOS_AGENT_ID", agentId.value());
        env.put("MESOS_SLAVE_ID", agentId.value());
        env.put("MESOS_CONTAINER_ID", c.id.value());
        env.put("HOST", hostname);
        env.put("LIBPROCESS_IP", hostname);
        List<Long> ports = new ArrayList<>();
        c.resources.ports().ranges().forEach(r -> {
            for (long p = r.begin(); p <= r.end() && ports.size() < MAX_PORT_VARIABLES; p++) {
                ports.add(p);
            }
        });
        for (int i = 0; i < ports.size(); i++) {
            env.put("PORT" + i, String.valueOf(ports.get(i)));
        }
        if (!ports.isEmpty()) {
            env.put("PORT", String.valueOf(ports.get(0)));
            env.put("PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        Environment e = c.task.command().environment();
        if (e != null && e.variables() != null) {
            for (Environment.Variable v : e.variables()) {
                if (v != null && v.name() != null) {
                    env.put(v.name(), v.value() == null ? "" : v.value());
                }
            }
        }
        return env;
    }
}
