package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.isolation.ContainerId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A container whose {@code runc run} was SIGKILLed (agent crash) is found by {@code list} and removed by delete. */
class RecoveryTest {

    private RuncFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = RuncFixture.create();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void list_afterRuncRunKilled_findsRunningLeftoverThatForceDeleteRemoves() throws Exception {
        ContainerId id = fixture.newId("orphan");
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of("sleep", "600"), "", ""),
                new ContainerProcess.ImageDefault(), NetworkMode.HOST, 64L << 20, Optional.empty());
        Process run = fixture.start(bundle, id);
        ContainerState running = awaitRunning(id);

        run.destroyForcibly();
        assertThat(run.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(running.pid())).as("the container outlives runc run").isPresent();

        List<ContainerState> leftovers = fixture.runtime.list();
        assertThat(leftovers).extracting(ContainerState::id).containsExactly(id.value());
        assertThat(leftovers.get(0).status()).isEqualTo(ContainerState.Status.RUNNING);
        assertThat(leftovers.get(0).bundle()).isEqualTo(bundle);
        LeftoverReconciler.Plan plan = LeftoverReconciler.reconcile(Set.of(), leftovers);
        assertThat(plan.destroy()).containsExactlyElementsOf(leftovers);

        fixture.runtime.delete(id, true);

        assertThat(fixture.runtime.list()).isEmpty();
        assertThat(fixture.runtime.state(id)).isEmpty();
        assertThat(fixture.cgroupDirs(fixture.cgroupParent + "/" + id.value())).isEmpty();
        awaitGone(running.pid());
        fixture.runtime.delete(id, true);
    }

    private ContainerState awaitRunning(ContainerId id) throws Exception {
        for (int attempt = 0; attempt < 500; attempt++) {
            Optional<ContainerState> state = fixture.runtime.state(id);
            if (state.isPresent() && state.get().status() == ContainerState.Status.RUNNING) {
                return state.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("container did not start: " + fixture.output(id));
    }

    private static void awaitGone(long pid) throws InterruptedException {
        for (int attempt = 0; attempt < 300 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                attempt++) {
            Thread.sleep(10);
        }
        // an orphan is reaped by this host's PID 1 about 1.8 s later; only its liveness matters here
        assertThat(ProcessHandle.of(pid).map(h -> h.isAlive() && !isZombie(pid)).orElse(false)).isFalse();
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
