package io.strata.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.agent.isolation.ContainerId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private final Checkpoint checkpoint = new Checkpoint(ContainerId.of("c1"), 4242, 987654, Path.of("/var/run/x y"));

    @Test
    void decode_encoded_roundTrips() {
        assertThat(Checkpoint.decode(checkpoint.encode())).isEqualTo(checkpoint);
    }

    @Test
    void readFrom_written_roundTripsAndLeavesNoTemporaryFile() {
        Path file = dir.resolve("meta/pids/forked.checkpoint");

        checkpoint.writeTo(file);

        assertThat(Checkpoint.readFrom(file)).isEqualTo(checkpoint);
        assertThat(file.resolveSibling("forked.checkpoint.tmp")).doesNotExist();
    }

    @Test
    void decode_missingKey_throws() {
        assertThatThrownBy(() -> Checkpoint.decode("containerId=c1\nsupervisorPid=12\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeTicks");
    }

    @Test
    void constructor_invalidPid_throws() {
        assertThatThrownBy(() -> new Checkpoint(ContainerId.of("c1"), 1, 0, dir))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
