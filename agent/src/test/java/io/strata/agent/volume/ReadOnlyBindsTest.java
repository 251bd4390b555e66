package io.strata.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyBindsTest {
    @TempDir
    Path dir;

    @Test
    void wrap_noReadOnlyMount_returnsTheCommandUnchanged() {
        VolumeMount rw = new VolumeMount(dir, "data", VolumeMode.RW);

        assertThat(ReadOnlyBinds.wrap(List.of(rw), List.of("/bin/sh", "-c", "true")))
                .containsExactly("/bin/sh", "-c", "true");
    }

    @Test
    void wrap_readOnlyMounts_bindsEachSourceOnceThenRunsTheCommand() {
        Path a = dir.resolve("a");
        List<VolumeMount> mounts = List.of(new VolumeMount(a, "x", VolumeMode.RO),
                new VolumeMount(a, "y", VolumeMode.RO), new VolumeMount(dir.resolve("b"), "z", VolumeMode.RW));

        List<String> argv = ReadOnlyBinds.wrap(mounts, List.of("echo", "hi"));

        assertThat(argv).startsWith(ReadOnlyBinds.UNSHARE, "--mount").endsWith("1", a.toString(), "echo", "hi");
    }

    /** Runs the wrapper for real: as root, a write through the link fails and the host's source stays writable. */
    @Test
    void wrap_run_writeThroughReadOnlyVolumeFailsAndHostStaysWritable() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "binding needs root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(ReadOnlyBinds.UNSHARE)), "unshare is not installed");
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("file"), "content");
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        Files.createSymbolicLink(sandbox.resolve("data"), source);
        List<String> argv = new ArrayList<>(ReadOnlyBinds.wrap(List.of(new VolumeMount(source, "data",
                VolumeMode.RO)), List.of("/bin/sh", "-c", "cat data/file; if echo x > data/new; then exit 3; fi; "
                + "if echo x > data/file; then exit 4; fi; echo refused")));

        Process p = new ProcessBuilder(argv).directory(sandbox.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("content").contains("Read-only file system").contains("refused");
        Files.writeString(source.resolve("host-write"), "ok"); // the host's view is untouched
        assertThat(Files.readString(source.resolve("file"))).isEqualTo("content");
    }
}
