package io.strata.agent.launcher;

import io.strata.agent.isolation.CgroupPaths;
import io.strata.agent.isolation.CgroupsV1Isolator;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.Isolator;
import io.strata.agent.isolation.IsolatorChoice;
import io.strata.agent.isolation.Isolators;
import io.strata.agent.isolation.NoIsolator;
import io.strata.agent.isolation.ResourceLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One container's worth of real parts for launcher tests: the host's isolator (cgroups when usable, else tracking
 * only), a sandbox and a run directory; {@link #close()} kills and removes everything.
 */
final class LauncherFixture implements AutoCloseable {

    static final long MB = 1024 * 1024;

    final Isolator isolator;
    final ContainerId id;
    final Path sandbox;
    final Path runDir;
    final ProcessLauncher launcher = new ProcessLauncher();

    LauncherFixture(Path tempDir, String containerId) {
        String agentName = "test-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.isolator = switch (Isolators.detect(Path.of("/sys/fs/cgroup"), agentName)) {
            case IsolatorChoice.Usable usable -> usable.isolator();
            case IsolatorChoice.Unusable unusable -> new NoIsolator(tempDir.resolve("state"), agentName);
        };
        this.id = ContainerId.of(containerId);
        this.sandbox = tempDir.resolve("sandbox");
        this.runDir = tempDir.resolve("run");
        try {
            Files.createDirectories(sandbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasCgroups() {
        return !(isolator instanceof NoIsolator);
    }

    boolean isV1() {
        return isolator instanceof CgroupsV1Isolator;
    }

    RunningProcess launchShell(String command, long memBytes) {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, memBytes));
        return launcher.launch(LaunchSpec.shell(id, command, Map.of(), sandbox, runDir, paths.procsFiles()));
    }

    RunningProcess launchShell(String command) {
        return launchShell(command, 256 * MB);
    }

    String stdout() throws IOException {
        return Files.readString(sandbox.resolve("stdout"));
    }

    @Override
    public void close() {
        isolator.killAll(id);
        isolator.cleanup(id);
        isolator.removeHierarchy();
        launcher.close();
    }
}
