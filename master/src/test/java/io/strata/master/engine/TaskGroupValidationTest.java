package io.strata.master.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.agent.AgentInfo;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.Value;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.ExecutorEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.server.wire.ResourceWire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of a LAUNCH_GROUP against the framework, the agent and the offered resources left. */
class TaskGroupValidationTest {
    private static final String WHERE = "accept.operations[0].launch_group";
    private static final AgentId AGENT = new AgentId("m-S0");
    /** What is left of the offer: cpus 2, mem 1024. */
    private static final List<Resource> LEFT = List.of(scalar("cpus", 2, "*"), scalar("mem", 1024, "*"));

    private final FrameworkEntry framework = new FrameworkEntry(new FrameworkId("m-0000"),
            new FrameworkInfo("root", "fw", new FrameworkId("m-0000"), 0.0, false, "web", null, null, null, List.of(),
                    null), 0);
    private final AgentEntry agent = new AgentEntry(AGENT, new AgentInfo(AGENT, "a1", 5051, LEFT, List.of(), "1"),
            ResourceWire.toDomain(LEFT, "r"), Attributes.EMPTY, 0);

    static Stream<Arguments> invalidGroups() {
        return Stream.of(
                invalid("no executor", g -> g.executor(null), WHERE + ".executor is missing"),
                invalid("custom executor", g -> g.type("CUSTOM"), WHERE + ".executor.type must be DEFAULT"),
                invalid("no executor type", g -> g.type(null), WHERE + ".executor.type must be DEFAULT"),
                invalid("no executor id", g -> g.executorId(null), WHERE + ".executor.executor_id is missing"),
                invalid("slash in executor id", g -> g.executorId("a/b"), "Executor ID 'a/b' is invalid"),
                invalid("executor command", g -> g.command(new CommandInfo(null, null, true, "x", null, null)),
                        WHERE + ".executor.command must not be set"),
                invalid("other framework", g -> g.frameworkId("other"), "executor.framework_id other"),
                invalid("executor in use", g -> g.executorId("running"), "Executor 'running' is already running"),
                invalid("executor other role", g -> g.executorResources(scalar("cpus", 0.1, "ads")),
                        "reserved for role 'ads'"),
                invalid("executor too big", g -> g.executorResources(scalar("cpus", 3, "*")),
                        "Executor uses more resources"),
                invalid("no tasks", g -> g.tasks(), WHERE + ".task_group.tasks must hold at least one task"),
                invalid("duplicate in group", g -> g.tasks(task("a", 0.5), task("a", 0.5)),
                        "Task group has duplicate task ID: a"),
                invalid("task without name", g -> g.tasks(task("a", 0.5).name(null)),
                        WHERE + ".task_group.tasks[0].name is missing"),
                invalid("second task without command", g -> g.tasks(task("a", 0.5), task("b", 0.5).command(null)),
                        WHERE + ".task_group.tasks[1].command is missing"),
                invalid("tasks fit only without the executor", g -> g.tasks(task("a", 1), task("b", 1)),
                        "Task uses more resources"),
                invalid("host port not in the group's ports", g -> g.portMapping(8080, 80),
                        "host_port 8080 is not among the group's ports resources"),
                invalid("container port out of range", g -> g.portMapping(0, 70000), "container_port 70000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidGroups")
    void validate_invalidGroup_returnsErrorNamingTheProblem(String why, UnaryOperator<GroupBuilder> change,
                                                            String message) {
        TaskGroupValidation.Result result = validate(change.apply(new GroupBuilder()).build());

        assertThat(result.valid()).isFalse();
        assertThat(result.error()).contains(message);
    }

    @Test
    void validate_groupWithinTheOffer_returnsExecutorAndTaskResources() {
        TaskGroupValidation.Result result = validate(new GroupBuilder().tasks(task("a", 1), task("b", 0.5)).build());

        assertThat(result.valid()).isTrue();
        assertThat(result.executorResources().scalar(io.strata.core.resources.Resource.CPUS).asDouble())
                .isEqualTo(0.1);
        assertThat(result.taskResources()).extracting(r -> r.scalar(io.strata.core.resources.Resource.CPUS)
                .asDouble()).containsExactly(1.0, 0.5);
    }

    private TaskGroupValidation.Result validate(Offer.Operation.LaunchGroup group) {
        Offer.ExecutorInfo running = new Offer.ExecutorInfo("DEFAULT", new ExecutorId("running"), framework.id, null,
                List.of(), null, null);
        framework.executors.put(ExecutorEntry.key(AGENT, "running"),
                new ExecutorEntry(framework.id, AGENT, running, Resources.EMPTY));
        return TaskGroupValidation.validate(group, WHERE, framework, agent, ResourceWire.toDomain(LEFT, "left"));
    }

    private static Arguments invalid(String why, UnaryOperator<GroupBuilder> change, String message) {
        return Arguments.of(why, change, message);
    }

    private static Resource scalar(String name, double value, String role) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, role, null);
    }

    private static TaskBuilder task(String id, double cpus) {
        return new TaskBuilder(id, cpus);
    }

    /** A command task with cpus and 64 MB. */
    static final class TaskBuilder {
        private final String id;
        private final double cpus;
        private String name;
        private CommandInfo command = new CommandInfo(null, null, true, "sleep 100", null, null);

        TaskBuilder(String id, double cpus) {
            this.id = id;
            this.name = id;
            this.cpus = cpus;
        }

        TaskBuilder name(String v) {
            name = v;
            return this;
        }

        TaskBuilder command(CommandInfo v) {
            command = v;
            return this;
        }

        TaskInfo build() {
            return new TaskInfo(name, new TaskId(id), null, List.of(scalar("cpus", cpus, "*"), scalar("mem", 64, "*")),
                    command, null, null, null, null, null, null);
        }
    }

    /** A valid group of one task under a DEFAULT executor with cpus 0.1 and mem 32; each setter breaks one thing. */
    static final class GroupBuilder {
        private boolean hasExecutor = true;
        private String type = "DEFAULT";
        private String executorId = "pod";
        private String frameworkId;
        private CommandInfo command;
        private List<Resource> executorResources = List.of(scalar("cpus", 0.1, "*"), scalar("mem", 32, "*"));
        private List<TaskBuilder> tasks = List.of(task("a", 1));
        private io.strata.api.mesos.ContainerInfo container;

        GroupBuilder executor(Object none) {
            hasExecutor = false;
            return this;
        }

        GroupBuilder type(String v) {
            type = v;
            return this;
        }

        GroupBuilder executorId(String v) {
            executorId = v;
            return this;
        }

        GroupBuilder frameworkId(String v) {
            frameworkId = v;
            return this;
        }

        GroupBuilder command(CommandInfo v) {
            command = v;
            return this;
        }

        GroupBuilder executorResources(Resource... v) {
            executorResources = List.of(v);
            return this;
        }

        GroupBuilder portMapping(long hostPort, long containerPort) {
            container = new io.strata.api.mesos.ContainerInfo(io.strata.api.mesos.ContainerInfo.Type.MESOS, null, null,
                    null, List.of(new io.strata.api.mesos.ContainerInfo.NetworkInfo("private", List.of(
                            new io.strata.api.mesos.ContainerInfo.NetworkInfo.PortMapping(hostPort, containerPort,
                                    "tcp")))));
            return this;
        }

        GroupBuilder tasks(TaskBuilder... v) {
            tasks = List.of(v);
            return this;
        }

        Offer.Operation.LaunchGroup build() {
            Offer.ExecutorInfo executor = hasExecutor ? new Offer.ExecutorInfo(type,
                    executorId == null ? null : new ExecutorId(executorId),
                    frameworkId == null ? null : new FrameworkId(frameworkId), command, executorResources, container,
                    null)
                    : null;
            List<TaskInfo> infos = new ArrayList<>();
            tasks.forEach(t -> infos.add(t.build()));
            return new Offer.Operation.LaunchGroup(executor, new Offer.TaskGroupInfo(infos));
        }
    }
}
