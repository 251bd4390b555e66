package io.strata.api.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckWireTest {

    @Test
    void parse_taskInfoCheck_readsMesosFieldNames() {
        String json = """
                {"name":"t","task_id":{"value":"t1"},"check":{"type":"COMMAND",
                  "command":{"command":{"shell":true,"value":"cat /tmp/ready"}},
                  "delay_seconds":1,"interval_seconds":2,"timeout_seconds":3}}
                """;
        TaskInfo task = Json.parse(json.getBytes(StandardCharsets.UTF_8), TaskInfo.class);

        assertThat(task.check().type()).isEqualTo(CheckInfo.Type.COMMAND);
        assertThat(task.check().command().command().value()).isEqualTo("cat /tmp/ready");
        assertThat(task.check().delaySeconds()).isEqualTo(1.0);
        assertThat(task.check().intervalSeconds()).isEqualTo(2.0);
        assertThat(task.check().timeoutSeconds()).isEqualTo(3.0);
        assertThat(task.withAgentId(new AgentId("a")).check()).isEqualTo(task.check());
    }

    @Test
    void write_checkStatus_usesMesosFieldNamesAndSurvivesToBuilder() {
        TaskStatus status = TaskStatus.builder(new TaskId("t1"), TaskState.TASK_RUNNING)
                .reason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED)
                .checkStatus(new CheckStatusInfo(CheckInfo.Type.HTTP, null, new CheckStatusInfo.Http(503), null))
                .build();

        String json = new String(Json.toBytes(status.toBuilder().message("m").build()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"check_status\":{\"type\":\"HTTP\",\"http\":{\"status_code\":503}}");
        TaskStatus back = Json.parse(json.getBytes(StandardCharsets.UTF_8), TaskStatus.class);
        assertThat(back.checkStatus()).isEqualTo(status.checkStatus());
    }

    @Test
    void write_taskWithoutCheck_omitsTheField() {
        TaskInfo task = new TaskInfo("t", new TaskId("t1"), null, null, null, null, null, null, null, null, null);

        assertThat(new String(Json.toBytes(task), StandardCharsets.UTF_8)).doesNotContain("check");
    }
}
