package io.strata.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests of the check state machine: results are command exit codes, reports the exit codes sent. */
class CheckStateTest {

    @ParameterizedTest(name = "success {0}, failure {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // success threshold | failure threshold | exit codes | reported exit codes
        "1 | 1 | 1 1 0 0 1      | 1 0 1",       // Mesos: every change, nothing repeated
        "1 | 1 | 1 2 2 0        | 1 2 0",       // same outcome, other value: reported at once
        "1 | 1 | 0 0            | 0",
        "2 | 1 | 0 1 0 0 0      | 1 0",         // first success only after 2 in a row; first failure at once
        "1 | 3 | 0 1 1 0 1 1 1  | 0 1",         // a success resets the failures; 3 in a row flip it
        "3 | 3 | 1 0 0 1 0 0 0 1 1 1 | 1 0 1", // upstream readiness: success x3 to ready, failure x3 back
    })
    void step_sequence_reportsAfterThresholds(int successes, int failures, String codes, String expected) {
        CheckState state = CheckState.initial(CheckInfo.Type.COMMAND);
        List<String> reports = new ArrayList<>();
        for (String code : codes.trim().split("\\s+")) {
            CheckState.Step step = state.step(new CheckStatusInfo(CheckInfo.Type.COMMAND,
                    new CheckStatusInfo.Command(Integer.valueOf(code)), null, null), successes, failures);
            state = step.next();
            if (step.report()) {
                reports.add(String.valueOf(state.reported().command().exitCode()));
            }
        }
        assertThat(String.join(" ", reports)).isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HTTP | 200 | true", "HTTP | 399 | true", "HTTP | 404 | false", "HTTP | | false",
        "TCP | 1 | true", "TCP | 0 | false", "COMMAND | 0 | true", "COMMAND | | false",
    })
    void success_results_asMesosCheckOutcomes(CheckInfo.Type type, Integer value, boolean expected) {
        CheckStatusInfo status = switch (type) {
            case HTTP -> new CheckStatusInfo(type, null, new CheckStatusInfo.Http(value), null);
            case TCP -> new CheckStatusInfo(type, null, null, new CheckStatusInfo.Tcp(value != null && value == 1));
            default -> new CheckStatusInfo(type, new CheckStatusInfo.Command(value), null, null);
        };
        assertThat(CheckState.success(status)).isEqualTo(expected);
    }
}
