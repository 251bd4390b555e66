package io.strata.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven tests of the health state machine. Results are written {@code <seconds>:S|F}; expected reports are
 * {@code H@t} (became healthy), {@code U<n>@t} (became unhealthy with n failures) and {@code K<n>@t} (kill).
 */
class HealthStateTest {

    @ParameterizedTest(name = "grace {0}s, limit {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // grace | limit | results                    | expected reports
        "10      | 3     | 1:S                        | H@1",
        "10      | 3     | 1:S 2:S 3:S                | H@1",
        "10      | 3     | 1:F 5:F 9:F                | ''",                      // all inside grace
        "10      | 3     | 1:F 5:F 10:F 11:F 12:F     | U1@10 K3@12",             // grace over at 10 s
        "10      | 3     | 1:S 2:F 3:F 4:F 5:F        | H@1 U1@2 K3@4",           // grace ends at first success
        "10      | 3     | 11:F 12:S 13:F 14:F 15:F   | U1@11 H@12 U1@13 K3@15",  // a success resets the count
        "0       | 1     | 1:F 2:F                    | U1@1 K1@1",               // kill once only
        "0       | 0     | 1:F 2:F 3:F 4:F            | U1@1",                    // limit 0 never kills
        "0       | 2     | 1:F 2:F 3:S 4:F 5:F        | U1@1 K2@2 H@3 U1@4",      // kill requested is sticky
    })
    void step_sequence_reportsOnlyChangesAndOneKill(double grace, int limit, String results, String expected) {
        HealthState state = HealthState.initial(new HealthCheckTiming(0, 1, 1, limit, grace), 0);
        List<String> reports = new ArrayList<>();

        for (String result : results.trim().split("\\s+")) {
            String[] parts = result.split(":");
            long now = Long.parseLong(parts[0]) * 1000;
            HealthState.Step step = state.step(parts[1].equals("S"), "probe", now);
            state = step.next();
            if (step.healthChanged()) {
                reports.add(state.health() == HealthState.Health.HEALTHY ? "H@" + parts[0]
                        : "U" + state.consecutiveFailures() + "@" + parts[0]);
            }
            if (step.kill()) {
                reports.add("K" + state.consecutiveFailures() + "@" + parts[0]);
            }
        }

        assertThat(String.join(" ", reports)).isEqualTo(expected);
    }

    @Test
    void step_failureInsideGrace_leavesStateUnchanged() {
        HealthState initial = HealthState.initial(HealthCheckTiming.DEFAULT, 1_000);

        HealthState.Step step = initial.step(false, "refused", 5_000);

        assertThat(step.next()).isEqualTo(initial);
        assertThat(step.healthChanged()).isFalse();
        assertThat(step.message()).isEqualTo("refused");
    }
}
