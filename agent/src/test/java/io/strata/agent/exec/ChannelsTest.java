package io.strata.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.client.exec.ExecStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChannelsTest {

    private static String payload(ByteBuffer message) {
        assertThat(message.get(0)).isEqualTo((byte) Channels.ERROR);
        byte[] bytes = new byte[message.remaining() - 1];
        message.position(1).get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void exitStatus_zero_isTheSuccessStatusKubectlExpects() {
        assertThat(payload(Channels.exitStatus(0))).isEqualTo("{\"metadata\":{},\"status\":\"Success\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 127, 255})
    void exitStatus_nonZero_carriesTheExitCodeCause(int code) {
        String status = payload(Channels.exitStatus(code));

        assertThat(status).contains("\"reason\":\"NonZeroExitCode\"")
                .contains("{\"reason\":\"ExitCode\",\"message\":\"" + code + "\"}");
        assertThat(ExecStatus.parse(status).exitCode()).isEqualTo(code);
    }

    @Test
    void failure_quotesTheMessage_andCountsAsExitOne() {
        String status = payload(Channels.failure("cannot run \"x\"\n"));

        assertThat(status).contains("\"message\":\"cannot run \\\"x\\\"\\n\"");
        assertThat(ExecStatus.parse(status).exitCode()).isEqualTo(1);
    }

    @Test
    void frame_prefixesTheChannelByte() {
        ByteBuffer frame = Channels.frame(Channels.STDOUT, "xhiy".getBytes(StandardCharsets.UTF_8), 1, 2);

        assertThat(frame.remaining()).isEqualTo(3);
        assertThat(new byte[] {frame.get(0), frame.get(1), frame.get(2)}).containsExactly(1, 'h', 'i');
    }

    @Test
    void fromQuery_kubectlParameters_areRead() {
        ExecRequest request = ExecRequest.fromQuery(Map.of("command", List.of("ls", "-l"), "stdin", List.of("true"),
                "stdout", List.of("true")));

        assertThat(request).isEqualTo(new ExecRequest(List.of("ls", "-l"), true, true, false, false));
    }

    @Test
    void fromQuery_withoutCommand_namesTheParameter() {
        assertThatThrownBy(() -> ExecRequest.fromQuery(Map.of("stdout", List.of("true"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'command'");
    }

    @Test
    void fromQuery_badFlag_namesTheParameter() {
        assertThatThrownBy(() -> ExecRequest.fromQuery(Map.of("command", List.of("ls"), "tty", List.of("yes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tty'");
    }

    @Test
    void chosenProtocol_prefersV5_thenV4() {
        assertThat(ExecRoutes.chosenProtocol("v4.channel.k8s.io, v5.channel.k8s.io")).isEqualTo(Channels.V5);
        assertThat(ExecRoutes.chosenProtocol("v4.channel.k8s.io")).isEqualTo(Channels.V4);
        assertThat(ExecRoutes.chosenProtocol("base64.channel.k8s.io")).isNull();
        assertThat(ExecRoutes.chosenProtocol(null)).isNull();
    }
}
