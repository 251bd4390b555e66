package io.strata.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketChannelsTest {

    @Test
    void decode_base64TextMessage_becomesChannelMessage() {
        ByteBuffer message = WebSocketChannels.decode("0aGVsbG8=").orElseThrow();

        assertThat(message.get()).isEqualTo((byte) 0);
        byte[] payload = new byte[message.remaining()];
        message.get(payload);
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void decode_malformedMessages_areDropped() {
        assertThat(WebSocketChannels.decode("")).isEmpty();
        assertThat(WebSocketChannels.decode("x")).isEmpty();
        assertThat(WebSocketChannels.decode("0not base64!")).isEmpty();
    }

    @Test
    void failureText_successStatus_isNothing() {
        assertThat(WebSocketChannels.failureText("{\"metadata\":{},\"status\":\"Success\"}"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void failureText_failureStatus_isItsMessage() {
        String status = "{\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "exit status 2\",\"reason\":\"NonZeroExitCode\"}";

        assertThat(WebSocketChannels.failureText(status.getBytes(StandardCharsets.UTF_8)))
                .contains("command terminated with non-zero exit code: exit status 2");
    }

    @Test
    void of_protocolNames_knowTheirFraming() {
        assertThat(ClientProtocol.NAMES).startsWith("v5.channel.k8s.io", "v4.channel.k8s.io");
        assertThat(ClientProtocol.of("base64.channel.k8s.io")).hasValue(ClientProtocol.V1_BASE64);
        assertThat(ClientProtocol.V1_BASE64.base64()).isTrue();
        assertThat(ClientProtocol.V1.statusJson()).isFalse();
        assertThat(ClientProtocol.of("v9.channel.k8s.io")).isEmpty();
    }
}
