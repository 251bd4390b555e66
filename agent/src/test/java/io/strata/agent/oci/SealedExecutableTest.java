package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed copy of runc: same bytes, runnable through its link, and impossible to modify. */
class SealedExecutableTest {

    @TempDir
    Path dir;

    @Test
    void link_runc_pointsAtSealedMemfdWithTheSameBytesThatRuns() throws Exception {
        Path runc = installedRunc();

        Optional<Path> link = SealedExecutable.link(runc, dir.resolve("exe"));

        assertThat(link).isPresent();
        assertThat(link.get().getFileName().toString()).isEqualTo("runc"); // processes keep their name
        Path target = Files.readSymbolicLink(link.get());
        assertThat(target.toString()).startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/");
        assertThat(Files.readSymbolicLink(target).toString()).startsWith("/memfd:strata-runc-");
        assertThat(Files.mismatch(link.get(), runc)).isEqualTo(-1L);
        Process version = new ProcessBuilder(link.get().toString(), "--version").start();
        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("runc version");
        assertThat(version.waitFor()).isZero();
    }

    @Test
    void link_runc_copyRefusesWritesAndTruncation() throws Exception {
        Path link = SealedExecutable.link(installedRunc(), dir.resolve("exe")).orElseThrow();

        // F_SEAL_WRITE, F_SEAL_SHRINK and F_SEAL_GROW: what makes sharing it between containers safe
        try (FileChannel writable = FileChannel.open(link, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> writable.write(ByteBuffer.wrap(new byte[] {0}), 0)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> writable.truncate(1)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> writable.write(ByteBuffer.wrap(new byte[] {0}), writable.size()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void link_twice_reusesOneCopyAndReplacesTheLink() throws Exception {
        Path runc = installedRunc();
        Path first = SealedExecutable.link(runc, dir.resolve("exe")).orElseThrow();
        Path firstTarget = Files.readSymbolicLink(first);

        Path second = SealedExecutable.link(runc, dir.resolve("exe")).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readSymbolicLink(second)).isEqualTo(firstTarget);
    }

    @Test
    void withSealedCopy_runtime_runsTheLinkedCopy() {
        Path runc = installedRunc();
        RuncRuntime runtime = new RuncRuntime(OciRuntimeKind.RUNC, runc, dir.resolve("runc")).withSealedCopy();

        assertThat(runtime.runsSealedCopy()).isTrue();
        assertThat(runtime.runArgv(dir.resolve("bundle"), io.strata.agent.isolation.ContainerId.of("c1")).get(0))
                .isEqualTo(dir.resolve("runc-exe").resolve("runc").toString());
        assertThat(runtime.state(io.strata.agent.isolation.ContainerId.of("absent"))).isEmpty();
    }

    private static Path installedRunc() {
        Optional<Path> runc = RuncRuntime.locate();
        assumeTrue(runc.isPresent(), RuncRuntime.MISSING_RUNTIME);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs /usr/bin/perl");
        return runc.get();
    }
}
