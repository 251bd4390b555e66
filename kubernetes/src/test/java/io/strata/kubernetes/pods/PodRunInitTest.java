package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Init containers run in the app containers' group, in order, before the app containers. */
class PodRunInitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static JsonNode pod(String restartPolicy) throws Exception {
        return JSON.readTree("""
                {"metadata":{"name":"p","namespace":"default","uid":"u1"},
                 "spec":{"nodeName":"n1","restartPolicy":"%s",
                   "initContainers":[{"name":"one","image":"busybox"},{"name":"two","image":"busybox"}],
                   "containers":[{"name":"app","image":"nginx"}]}}""".formatted(restartPolicy));
    }

    private static TaskStatus update(int attempt, String container, TaskState state, String message) {
        return TaskStatus.builder(new TaskId(TaskNames.of("default", "p", attempt, container).taskId()), state)
                .message(message).build();
    }

    private static String state(ObjectNode status, String list, int i) {
        return status.path(list).get(i).path("state").fieldNames().next();
    }

    @Test
    void apply_initContainersSucceedInOrder_thenAppContainersRun_allInOneGroup() throws Exception {
        JsonNode pod = pod("Always");
        PodRun run = new PodRun(pod, "10.0.0.1");
        assertThat(run.groupSpec(pod)).isSameAs(pod);

        int a1 = run.launching("agent", T0);
        assertThat(run.liveTasks()).hasSize(3);
        run.apply(update(a1, "one", TaskState.TASK_RUNNING, null), T0);
        ObjectNode status = run.status(pod, T0);
        assertThat(status.path("phase").asText()).isEqualTo("Pending");
        assertThat(state(status, "initContainerStatuses", 0)).isEqualTo("running");
        assertThat(status.path("initContainerStatuses").get(1).path("state").path("waiting").path("reason").asText())
                .isEqualTo("PodInitializing");
        assertThat(status.path("containerStatuses").get(0).path("state").path("waiting").path("reason").asText())
                .isEqualTo("PodInitializing");
        assertThat(status.path("conditions").get(1).path("status").asText()).isEqualTo("False"); // Initialized
        assertThat(status.path("conditions").get(1).path("message").asText())
                .isEqualTo("containers with incomplete status: [one two]");

        // the agent starts the next init container itself: nothing to do for the runtime
        assertThat(run.apply(update(a1, "one", TaskState.TASK_FINISHED, null), T0)).isEqualTo(PodRun.Next.NOTHING);
        run.apply(update(a1, "two", TaskState.TASK_RUNNING, null), T0);
        assertThat(run.apply(update(a1, "two", TaskState.TASK_FINISHED, null), T0)).isEqualTo(PodRun.Next.NOTHING);
        assertThat(run.initializing()).isFalse();

        run.apply(update(a1, "app", TaskState.TASK_RUNNING, null), T0);
        status = run.status(pod, T0);
        assertThat(status.path("phase").asText()).isEqualTo("Running");
        assertThat(state(status, "initContainerStatuses", 0)).isEqualTo("terminated");
        assertThat(state(status, "initContainerStatuses", 1)).isEqualTo("terminated");
        assertThat(status.path("initContainerStatuses").get(1).path("state").path("terminated").path("reason")
                .asText()).isEqualTo("Completed");
        assertThat(state(status, "containerStatuses", 0)).isEqualTo("running");
        assertThat(status.path("conditions").get(1).path("status").asText()).isEqualTo("True");
        assertThat(run.liveTasks()).containsExactly(TaskNames.of("default", "p", a1, "app").taskId());
    }

    @Test
    void apply_initContainerFails_retriedWithBackOffOrPodFailsUnderNever() throws Exception {
        JsonNode pod = pod("Always");
        PodRun run = new PodRun(pod, "10.0.0.1");
        int a1 = run.launching("agent", T0);
        run.apply(update(a1, "one", TaskState.TASK_RUNNING, null), T0);
        assertThat(run.apply(update(a1, "one", TaskState.TASK_FAILED, "Command exited with status 3"), T0))
                .isEqualTo(PodRun.Next.KILL_GROUP);
        // the agent kills the containers that waited for it, unstarted
        assertThat(run.apply(killedUnstarted(a1, "two"), T0)).isEqualTo(PodRun.Next.NOTHING);
        assertThat(run.apply(killedUnstarted(a1, "app"), T0)).isEqualTo(PodRun.Next.RELAUNCH);
        assertThat(run.initializing()).isTrue();
        ObjectNode status = run.status(pod, T0);
        assertThat(status.path("initContainerStatuses").get(0).path("restartCount").asInt()).isEqualTo(1);
        assertThat(status.path("initContainerStatuses").get(0).path("lastState").path("terminated")
                .path("exitCode").asInt()).isEqualTo(3);
        assertThat(status.path("initContainerStatuses").get(1).path("restartCount").asInt()).isZero();
        assertThat(status.path("containerStatuses").get(0).path("restartCount").asInt()).isZero();
        assertThat(status.path("containerStatuses").get(0).path("state").path("waiting").path("reason").asText())
                .isEqualTo("PodInitializing");

        JsonNode never = pod("Never");
        PodRun once = new PodRun(never, "10.0.0.1");
        int b1 = once.launching("agent", T0);
        assertThat(once.apply(update(b1, "one", TaskState.TASK_FAILED, "Command exited with status 1"), T0))
                .isEqualTo(PodRun.Next.KILL_GROUP);
        once.apply(killedUnstarted(b1, "two"), T0);
        assertThat(once.apply(killedUnstarted(b1, "app"), T0)).isEqualTo(PodRun.Next.DONE);
        status = once.status(never, T0);
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("initContainerStatuses").get(0).path("state").path("terminated").path("exitCode")
                .asInt()).isEqualTo(1);
    }

    @Test
    void adopt_afterAFailoverOfAnInitializedPod_waitsOnlyForTheAppContainers() throws Exception {
        ObjectNode pod = (ObjectNode) pod("Always");
        pod.putObject("status").putArray("conditions").addObject().put("type", "Initialized").put("status", "True");
        PodRun run = new PodRun(pod, "10.0.0.1");

        run.adopt(3, "agent");

        assertThat(run.liveTasks()).containsExactly(TaskNames.of("default", "p", 3, "app").taskId());
        assertThat(run.apply(update(3, "app", TaskState.TASK_FAILED, "Command exited with status 1"), T0))
                .isEqualTo(PodRun.Next.RELAUNCH);
        assertThat(run.initializing()).isFalse();
    }

    private static TaskStatus killedUnstarted(int attempt, String container) {
        return TaskStatus.builder(new TaskId(TaskNames.of("default", "p", attempt, container).taskId()),
                TaskState.TASK_KILLED).reason(TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH)
                .message("Task killed before it started").build();
    }

    @Test
    void tasks_initContainersComeFirstInOrder_appContainersStartAfterTheLast() throws Exception {
        JsonNode pod = pod("Always");
        var tasks = PodTasks.tasks(pod, 1, new io.strata.api.mesos.AgentId("a"), "10.0.0.1", (r, n, x) ->
                java.util.Optional.empty());
        assertThat(tasks).extracting(t -> t.taskId().value()).containsExactly(
                "k8s__default__p__1__one", "k8s__default__p__1__two", "k8s__default__p__1__app");
        assertThat(tasks.get(0).labels()).isNull();
        assertThat(tasks.get(1).labels().labels()).containsExactly(
                new io.strata.api.mesos.Label(PodTasks.START_AFTER_LABEL, "k8s__default__p__1__one"));
        assertThat(tasks.get(2).labels().labels()).containsExactly(
                new io.strata.api.mesos.Label(PodTasks.START_AFTER_LABEL, "k8s__default__p__1__two"));
    }

    @Test
    void resources_largestInitContainerCountsWhenAboveTheAppSum() throws Exception {
        JsonNode pod = JSON.readTree("""
                {"spec":{"initContainers":[{"name":"i","resources":{"requests":{"cpu":"2","memory":"64Mi"}}}],
                 "containers":[{"name":"a","resources":{"requests":{"cpu":"500m","memory":"128Mi"}}}]}}""");
        ContainerResources r = ContainerResources.ofPod(pod);
        // cpus: max(2, 0.5) + 0.01 executor + 0.001 per init task; mem: max(64, 128) + 16 executor + 1 per init task
        assertThat(r.cpus()).isCloseTo(2.011, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.memMb()).isEqualTo(145);
        // the group holds exactly that: executor + app + the init task's share
        ContainerResources share = ContainerResources.initShare(pod, pod.path("spec").path("initContainers").get(0));
        assertThat(share.cpus()).isCloseTo(1.501, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(share.memMb()).isEqualTo(1);
        assertThat(0.01 + 0.5 + share.cpus()).isCloseTo(r.cpus(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(16 + 128 + share.memMb()).isEqualTo(r.memMb());
    }
}
