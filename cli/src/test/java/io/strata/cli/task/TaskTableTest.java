package io.strata.cli.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.CliFailure;
import io.strata.cli.output.TablePrinter;
import org.junit.jupiter.api.Test;

class TaskTableTest {
    private static final String STATE = """
            {"slaves":[{"id":"S0","hostname":"a0","pid":"slave(1)@127.0.0.5:5051"}],
             "frameworks":[{"id":"F1","name":"web",
               "tasks":[{"id":"web.1","name":"web","framework_id":"F1","slave_id":"S0","state":"TASK_RUNNING"},
                        {"id":"web.2","name":"web","framework_id":"F1","slave_id":"S9","state":"TASK_STAGING"},
                        {"id":"web.3","name":"web","framework_id":"F1","slave_id":"S0","state":"TASK_FINISHED"}],
               "completed_tasks":[{"id":"web.0","name":"web","framework_id":"F1","slave_id":"S0",
                                   "state":"TASK_KILLED"}]}],
             "completed_frameworks":[{"id":"F0","name":"batch","tasks":[],
               "completed_tasks":[{"id":"job.1","name":"job","framework_id":"F0","slave_id":"S0",
                                   "state":"TASK_FAILED"}]}]}
            """;

    private static JsonNode state() throws Exception {
        return Json.mesos().readTree(STATE);
    }

    @Test
    void of_activeOnly_terminalLeftOutHostFromAgents() throws Exception {
        assertThat(TablePrinter.render(TaskTable.of(ClusterTask.all(state(), false)))).isEqualTo("""
                ID     NAME  FRAMEWORK  HOST  STATE
                web.1  web   web        a0    TASK_RUNNING
                web.2  web   web        S9    TASK_STAGING
                """);
    }

    @Test
    void of_all_includesCompletedTasksAndFrameworks() throws Exception {
        assertThat(ClusterTask.all(state(), true)).extracting(ClusterTask::id)
                .containsExactly("web.1", "web.2", "web.3", "web.0", "job.1");
        assertThat(TablePrinter.render(TaskTable.of(ClusterTask.all(state(), true))))
                .contains("job.1  job   batch      a0    TASK_FAILED");
    }

    @Test
    void find_exactThenUniquePrefix() throws Exception {
        assertThat(TaskFinder.find(state(), "web.1").id()).isEqualTo("web.1");
        assertThat(TaskFinder.find(state(), "job").id()).isEqualTo("job.1");
        assertThat(TaskFinder.find(state(), "job").frameworkId()).isEqualTo("F0");
    }

    @Test
    void find_ambiguousOrUnknown_failureExit1() throws Exception {
        assertThatThrownBy(() -> TaskFinder.find(state(), "web"))
                .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("task id 'web' matches 4 tasks: web.0, web.1, web.2, web.3");
        assertThatThrownBy(() -> TaskFinder.find(state(), "nope")).hasMessage("no task with id 'nope'");
    }
}
