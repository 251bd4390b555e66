package io.strata.api.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.scheduler.Call;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskGroupWireTest {

    @Test
    void parse_mesosLaunchGroupJson_readsExecutorAndTasks() {
        String json = """
                {"framework_id":{"value":"f1"},"type":"ACCEPT","accept":{"offer_ids":[{"value":"o1"}],
                 "operations":[{"type":"LAUNCH_GROUP","launch_group":{
                   "executor":{"type":"DEFAULT","executor_id":{"value":"pod-1"},"framework_id":{"value":"f1"},
                     "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.1}}]},
                   "task_group":{"tasks":[{"name":"a","task_id":{"value":"a"},"agent_id":{"value":"S0"},
                     "resources":[{"name":"mem","type":"SCALAR","scalar":{"value":32}}],
                     "command":{"value":"sleep 10"}}]}}}]}}
                """;
        Call call = Json.parse(json.getBytes(StandardCharsets.UTF_8), Call.class);
        Offer.Operation op = call.accept().operations().get(0);

        assertThat(op.type()).isEqualTo(Offer.Operation.Type.LAUNCH_GROUP);
        assertThat(op.launchGroup().executor().type()).isEqualTo("DEFAULT");
        assertThat(op.launchGroup().executor().executorId().value()).isEqualTo("pod-1");
        assertThat(op.launchGroup().taskGroup().tasks()).extracting(t -> t.taskId().value()).containsExactly("a");
    }

    @Test
    void runTaskGroup_roundTrip_keepsTypeAndGroup() {
        AgentEvent event = AgentEvent.runTaskGroup(new AgentEvent.RunTaskGroup(null,
                new Offer.ExecutorInfo("DEFAULT", new io.strata.api.mesos.ExecutorId("e"), new FrameworkId("f"), null,
                        null, null, null), new Offer.TaskGroupInfo(java.util.List.of())));

        AgentEvent back = Json.parse(Json.toBytes(event), AgentEvent.class);

        assertThat(back.type()).isEqualTo(AgentEvent.Type.RUN_TASK_GROUP);
        assertThat(back.runTaskGroup().executor().executorId().value()).isEqualTo("e");
        assertThat(new String(Json.toBytes(event), StandardCharsets.UTF_8)).contains("\"run_task_group\"");
    }

    @Test
    void knownTask_withoutExecutor_parsesFromOldShape() {
        String json = "{\"framework_id\":{\"value\":\"f\"},\"task\":{\"name\":\"t\",\"task_id\":{\"value\":\"t\"}}}";

        AgentCall.KnownTask known = Json.parse(json.getBytes(StandardCharsets.UTF_8), AgentCall.KnownTask.class);

        assertThat(known.task().taskId()).isEqualTo(new TaskId("t"));
        assertThat(known.executor()).isNull();
    }
}
