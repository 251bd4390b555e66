package io.strata.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseChannelTest {
    @Test
    void serve_queuedEventsThenClose_writesEventStreamFramesAndReturns() {
        SseChannel channel = new SseChannel();
        channel.offer("summary", "{\"agents\":1}");
        channel.offer("operator", "{\"type\":\"TASK_ADDED\"}");
        channel.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        channel.serve(out, Duration.ofSeconds(30));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("retry: 2000\n\n"
                + "event: summary\ndata: {\"agents\":1}\n\n"
                + "event: operator\ndata: {\"type\":\"TASK_ADDED\"}\n\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void offer_afterClose_isRefused() {
        SseChannel channel = new SseChannel();
        channel.close();
        assertThat(channel.offer("summary", "{}")).isFalse();
    }

    @Test
    void offer_browserNotReading_closesTheChannelAtTheLimit() {
        SseChannel channel = new SseChannel();
        for (int i = 0; i < SseChannel.MAX_QUEUED; i++) {
            assertThat(channel.offer("sample", "{}")).isTrue();
        }
        assertThat(channel.offer("sample", "{}")).isFalse();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void serve_writeFails_returnsAndCloses() {
        SseChannel channel = new SseChannel();
        channel.offer("summary", "{}");
        channel.serve(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("browser gone");
            }
        }, Duration.ofSeconds(30));
        assertThat(channel.isOpen()).isFalse();
    }
}
