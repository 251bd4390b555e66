package io.strata.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumePreparerTest {
    @TempDir
    Path dir;
    private Path parent;
    private Path sandbox;
    private Path secrets;

    @BeforeEach
    void sandboxes() throws Exception {
        parent = Files.createDirectories(dir.resolve("executor"));
        sandbox = Files.createDirectories(parent.resolve("tasks/t1"));
        secrets = dir.resolve("meta/secrets");
    }

    @Test
    void prepare_sandboxPaths_createsDirectoriesInTheirSandboxes() throws Exception {
        List<VolumeMount> mounts = VolumePreparer.prepare(List.of(
                new VolumeSpec.SandboxPath("/shared", VolumeMode.RW, VolumeSpec.Sandbox.PARENT, "volumes/shared"),
                new VolumeSpec.SandboxPath("/own", VolumeMode.RO, VolumeSpec.Sandbox.SELF, "own")),
                sandbox, Optional.of(parent), secrets);

        assertThat(mounts).containsExactly(
                new VolumeMount(parent.toRealPath().resolve("volumes/shared"), "/shared", VolumeMode.RW),
                new VolumeMount(sandbox.toRealPath().resolve("own"), "/own", VolumeMode.RO));
        assertThat(parent.resolve("volumes/shared")).isDirectory();
        assertThat(sandbox.resolve("own")).isDirectory();
    }

    @Test
    void prepare_linkPlantedInTheSandbox_isRefused() throws Exception {
        Files.createSymbolicLink(parent.resolve("escape"), Files.createDirectories(dir.resolve("meta")).toAbsolutePath());

        assertThatThrownBy(() -> VolumePreparer.prepare(List.of(new VolumeSpec.SandboxPath("/x", VolumeMode.RW,
                VolumeSpec.Sandbox.PARENT, "escape/secrets")), sandbox, Optional.of(parent), secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sandbox path escape/secrets leads outside its sandbox (through a link)");
        assertThat(dir.resolve("meta/secrets")).doesNotExist();
    }

    @Test
    void prepare_danglingLinkInTheSandbox_isRefused() throws Exception {
        Files.createSymbolicLink(parent.resolve("dangling"), dir.resolve("nowhere").toAbsolutePath());

        assertThatThrownBy(() -> VolumePreparer.prepare(List.of(new VolumeSpec.SandboxPath("/x", VolumeMode.RW,
                VolumeSpec.Sandbox.PARENT, "dangling/d")), sandbox, Optional.of(parent), secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sandbox path dangling/d goes through a dangling link");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void prepare_secret_writesItsBytesReadOnlyOutsideTheSandbox() throws Exception {
        List<VolumeMount> mounts = VolumePreparer.prepare(List.of(new VolumeSpec.Secret("/etc/token", VolumeMode.RO,
                "s3cr3t".getBytes(StandardCharsets.UTF_8))), sandbox, Optional.empty(), secrets);

        Path file = mounts.getFirst().source();
        assertThat(file).startsWith(secrets).hasContent("s3cr3t");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r--r--");
        assertThat(mounts.getFirst().destination("/mnt/mesos/sandbox")).isEqualTo("/etc/token");
    }

    @Test
    void prepare_secretWithFileMode_writesExactlyThatModeWhateverTheUmask() throws Exception {
        List<VolumeMount> mounts = VolumePreparer.prepare(List.of(
                new VolumeSpec.Secret("/a", VolumeMode.RO, "a".getBytes(StandardCharsets.UTF_8), 0400),
                new VolumeSpec.Secret("/b", VolumeMode.RO, "b".getBytes(StandardCharsets.UTF_8), 0777),
                new VolumeSpec.Secret("/c", VolumeMode.RO, "c".getBytes(StandardCharsets.UTF_8), 0)),
                sandbox, Optional.empty(), secrets);

        assertThat(mounts).extracting(m -> PosixFilePermissions.toString(uncheckedPermissions(m.source())))
                .containsExactly("r--------", "rwxrwxrwx", "---------");
        assertThat(mounts.get(1).source()).hasContent("b");
        try (var files = Files.list(secrets)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("secret-0", "secret-1",
                    "secret-2"); // no temporary file left behind
        }
    }

    @Test
    void prepare_secretAgain_replacesTheFileWithTheNewBytesAndMode() throws Exception {
        VolumePreparer.prepare(List.of(new VolumeSpec.Secret("/a", VolumeMode.RO, new byte[] {'1'}, 0644)), sandbox,
                Optional.empty(), secrets);

        Path file = VolumePreparer.prepare(List.of(new VolumeSpec.Secret("/a", VolumeMode.RO, new byte[] {'2'},
                0440)), sandbox, Optional.empty(), secrets).getFirst().source();

        assertThat(file).hasContent("2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r-----");
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void link_commandTask_linksTheSandboxPathToTheSource() throws Exception {
        List<VolumeMount> mounts = VolumePreparer.prepare(List.of(
                new VolumeSpec.SandboxPath("data/shared", VolumeMode.RW, VolumeSpec.Sandbox.PARENT, "shared"),
                new VolumeSpec.Secret("token", VolumeMode.RO, "t".getBytes(StandardCharsets.UTF_8))),
                sandbox, Optional.of(parent), secrets);

        VolumePreparer.link(mounts, sandbox);
        VolumePreparer.link(mounts, sandbox); // a relaunch keeps its links

        Files.writeString(sandbox.resolve("data/shared/f"), "via-link");
        assertThat(parent.resolve("shared/f")).hasContent("via-link");
        assertThat(sandbox.resolve("token")).hasContent("t");
    }

    @Test
    void link_pathTakenInTheSandbox_isRefused() throws Exception {
        Files.writeString(sandbox.resolve("taken"), "x");
        List<VolumeMount> mounts = VolumePreparer.prepare(List.of(
                new VolumeSpec.SandboxPath("taken", VolumeMode.RW, VolumeSpec.Sandbox.SELF, "d")),
                sandbox, Optional.empty(), secrets);

        assertThatThrownBy(() -> VolumePreparer.link(mounts, sandbox))
                .hasMessage("container_path taken already exists in the sandbox");
    }

    @Test
    void removeSecrets_deletesTheFilesAndTheirDirectory() throws Exception {
        VolumePreparer.prepare(List.of(new VolumeSpec.Secret("t", VolumeMode.RO, new byte[] {1})), sandbox,
                Optional.empty(), secrets);

        VolumePreparer.removeSecrets(secrets);

        assertThat(secrets).doesNotExist();
    }
}
