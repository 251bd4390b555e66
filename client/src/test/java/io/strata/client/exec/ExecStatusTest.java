package io.strata.client.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecStatusTest {

    @Test
    void parse_success_isExitZero() {
        assertThat(ExecStatus.parse("{\"metadata\":{},\"status\":\"Success\"}"))
                .isEqualTo(new ExecStatus(0, Optional.empty()));
    }

    @Test
    void parse_nonZeroExitCode_isTheExitCodeCause() {
        String status = "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit "
                + "code: exit status 3\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
                + "\"message\":\"3\"}]}}";

        assertThat(ExecStatus.parse(status)).isEqualTo(new ExecStatus(3, Optional.empty()));
    }

    @Test
    void parse_otherFailure_isExitOneWithItsMessage() {
        String status = "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"cannot run \\\"x\\\": not found\"}";

        assertThat(ExecStatus.parse(status)).isEqualTo(new ExecStatus(1, Optional.of("cannot run \"x\": not found")));
    }

    @Test
    void parse_notAStatus_isExitOneWithThePayload() {
        assertThat(ExecStatus.parse("oops")).isEqualTo(new ExecStatus(1, Optional.of("oops")));
    }
}
