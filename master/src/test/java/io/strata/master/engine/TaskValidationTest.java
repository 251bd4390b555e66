package io.strata.master.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.agent.AgentInfo;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.Value;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.server.wire.ResourceWire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of one task of a LAUNCH against the framework, the agent and the offered resources left. */
class TaskValidationTest {
    private static final AgentId AGENT = new AgentId("m-S0");
    /** What is left of the offer: cpus 2, mem 1024, ports [31000-31010]. */
    private static final List<Resource> LEFT = List.of(scalar("cpus", 2, "*"), scalar("mem", 1024, "*"),
            new Resource("ports", Value.Type.RANGES, null, new Value.Ranges(List.of(new Value.Range(31000, 31010))),
                    null, "*", null));

    private final FrameworkEntry framework = new FrameworkEntry(new FrameworkId("m-0000"),
            new FrameworkInfo("root", "fw", new FrameworkId("m-0000"), 0.0, false, "web", null, null, null, List.of(),
                    null), 0);
    private final AgentEntry agent = new AgentEntry(AGENT, new AgentInfo(AGENT, "a1", 5051, LEFT, List.of(), "1"),
            ResourceWire.toDomain(LEFT, "r"), Attributes.EMPTY, 0);

    static Stream<Arguments> invalidTasks() {
        return Stream.of(
                invalid("missing task_id", t -> t.taskId(null), "task_infos[0].task_id is missing"),
                invalid("empty task_id", t -> t.taskId(""), "task_infos[0].task_id is missing"),
                invalid("slash in id", t -> t.taskId("a/b"), "Task ID 'a/b' is invalid"),
                invalid("dot id", t -> t.taskId("."), "Task ID '.' is invalid"),
                invalid("dot-dot id", t -> t.taskId(".."), "Task ID '..' is invalid"),
                invalid("control char", t -> t.taskId("a\u0001"), "is invalid"),
                invalid("256 chars", t -> t.taskId("x".repeat(256)), "is invalid"),
                invalid("duplicate", t -> t.taskId("running"), "Task has duplicate ID: running"),
                invalid("missing name", t -> t.name(null), "task_infos[0].name is missing"),
                invalid("other agent", t -> t.agentId("m-S9"), "agent_id m-S9"),
                invalid("no command", t -> t.command(null), "task_infos[0].command is missing"),
                invalid("empty shell command", t -> t.command(new CommandInfo(null, null, true, "", null, null)),
                        "command.value is missing"),
                invalid("negative cpus", t -> t.resources(scalar("cpus", -1, "*")), "invalid resources"),
                invalid("NaN mem", t -> t.resources(scalar("mem", Double.NaN, "*")), "not finite"),
                invalid("infinite cpus", t -> t.resources(scalar("cpus", Double.POSITIVE_INFINITY, "*")), "not finite"),
                invalid("no cpus or mem", t -> t.resources(scalar("disk", 10, "*")), "no cpus and no mem"),
                invalid("zero cpus and mem", t -> t.resources(scalar("cpus", 0, "*"), scalar("mem", 0, "*")),
                        "no cpus and no mem"),
                invalid("other role", t -> t.resources(scalar("cpus", 1, "ads")), "reserved for role 'ads'"),
                invalid("too many cpus", t -> t.resources(scalar("cpus", 3, "*")), "more resources"),
                invalid("gpus not offered", t -> t.resources(scalar("cpus", 1, "*"), scalar("gpus", 1, "*")),
                        "more resources"),
                invalid("port outside", t -> t.resources(scalar("cpus", 1, "*"), new Resource("ports",
                        Value.Type.RANGES, null, new Value.Ranges(List.of(new Value.Range(80, 80))), null, "*", null)),
                        "more resources"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTasks")
    void validate_invalidTask_returnsErrorNamingTheProblem(String why, UnaryOperator<TaskBuilder> change,
                                                           String message) {
        TaskValidation.Result result = validate(change.apply(new TaskBuilder()).build());

        assertThat(result.valid()).isFalse();
        assertThat(result.error()).contains(message);
        assertThat(result.resources()).isNull();
    }

    @Test
    void validate_taskWithinOffer_returnsItsResources() {
        TaskValidation.Result result = validate(new TaskBuilder().resources(scalar("cpus", 2, "*"),
                scalar("mem", 1024, "*")).build());

        assertThat(result.valid()).isTrue();
        assertThat(result.resources()).isEqualTo(ResourceWire.toDomain(List.of(scalar("cpus", 2, "*"),
                scalar("mem", 1024, "*")), "r"));
    }

    @Test
    void validate_matchingAgentIdAndNoShellValueWithContainer_isValid() {
        TaskValidation.Result result = validate(new TaskBuilder().agentId(AGENT.value())
                .command(new CommandInfo(null, null, false, null, List.of("a"), null)).build());

        assertThat(result.valid()).isTrue();
    }

    @Test
    void validate_resourcesOfTheFrameworksRole_areAllowed() {
        Resources reserved = ResourceWire.toDomain(List.of(scalar("cpus", 1, "web"), scalar("mem", 64, "*")), "r");

        TaskValidation.Result result = TaskValidation.validate(new TaskBuilder().resources(scalar("cpus", 1, "web"),
                scalar("mem", 64, "*")).build(), 0, framework, agent, reserved);

        assertThat(result.valid()).isTrue();
    }

    private TaskValidation.Result validate(TaskInfo task) {
        TaskInfo running = new TaskBuilder().taskId("running").build();
        framework.tasks.put(io.strata.master.registry.TaskKey.of(framework.id, running.taskId()),
                new TaskEntry(framework.id, running, AGENT, Resources.EMPTY));
        return TaskValidation.validate(task, 0, framework, agent, ResourceWire.toDomain(LEFT, "left"));
    }

    private static Arguments invalid(String why, UnaryOperator<TaskBuilder> change, String message) {
        return Arguments.of(why, change, message);
    }

    static Resource scalar(String name, double value, String role) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, role, null);
    }

    /** A valid task (cpus 1, mem 128, shell command) to change one field of. */
    static final class TaskBuilder {
        private String name = "web";
        private String taskId = "t1";
        private String agentId;
        private List<Resource> resources = List.of(scalar("cpus", 1, "*"), scalar("mem", 128, "*"));
        private CommandInfo command = new CommandInfo(null, null, true, "sleep 1", null, null);

        TaskBuilder name(String v) {
            name = v;
            return this;
        }

        TaskBuilder taskId(String v) {
            taskId = v;
            return this;
        }

        TaskBuilder agentId(String v) {
            agentId = v;
            return this;
        }

        TaskBuilder resources(Resource... v) {
            resources = new ArrayList<>(List.of(v));
            return this;
        }

        TaskBuilder command(CommandInfo v) {
            command = v;
            return this;
        }

        TaskInfo build() {
            return new TaskInfo(name, taskId == null ? null : new TaskId(taskId),
                    agentId == null ? null : new AgentId(agentId), resources, command, null, null, null, null, null,
                    null);
        }
    }
}
