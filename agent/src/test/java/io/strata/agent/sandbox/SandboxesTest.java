package io.strata.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTest {

    @TempDir
    Path workDir;

    @Test
    void create_newRun_makesSandboxLogsMetaAndLatestLinks() throws IOException {
        Sandboxes sandboxes = new Sandboxes(new SandboxLayout(workDir));
        RunKey key = new RunKey("A", "F", "E", "c1");

        Path sandbox = sandboxes.create(key, Optional.empty());

        assertThat(sandbox.resolve("stdout")).isEmptyFile();
        assertThat(sandbox.resolve("stderr")).isEmptyFile();
        assertThat(sandboxes.layout().pidsDir(key)).isDirectory();
        assertThat(Files.readSymbolicLink(sandboxes.layout().latestSandboxLink(key))).isEqualTo(Path.of("c1"));
        assertThat(Files.readSymbolicLink(sandboxes.layout().latestMetaRunLink(key))).isEqualTo(Path.of("c1"));
    }

    @Test
    void create_secondRun_movesLatestAndKeepsFirst() throws IOException {
        Sandboxes sandboxes = new Sandboxes(new SandboxLayout(workDir));
        RunKey first = new RunKey("A", "F", "E", "c1");
        RunKey second = new RunKey("A", "F", "E", "c2");
        Path firstSandbox = sandboxes.create(first, Optional.empty());
        Files.writeString(firstSandbox.resolve("stdout"), "kept");

        sandboxes.create(second, Optional.empty());
        sandboxes.create(first, Optional.empty());

        assertThat(firstSandbox.resolve("stdout")).hasContent("kept");
        assertThat(sandboxes.layout().latestSandboxLink(second).toRealPath()).isEqualTo(firstSandbox.toRealPath());
    }

    @Test
    void deleteSandbox_existingRun_removesTreeButNotLinkTargets() throws IOException {
        Sandboxes sandboxes = new Sandboxes(new SandboxLayout(workDir));
        RunKey key = new RunKey("A", "F", "E", "c1");
        Path sandbox = sandboxes.create(key, Optional.empty());
        Path outside = Files.writeString(workDir.resolve("precious"), "x");
        Files.createSymbolicLink(sandbox.resolve("link"), outside);

        sandboxes.deleteSandbox(key);
        sandboxes.deleteMeta(key);

        assertThat(sandbox).doesNotExist();
        assertThat(sandboxes.layout().metaRunDir(key)).doesNotExist();
        assertThat(outside).hasContent("x");
    }

    @Test
    void create_withUser_handsSandboxToUser() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:")
                && "root".equals(System.getProperty("user.name")), "needs root and a 'nobody' user");
        Sandboxes sandboxes = new Sandboxes(new SandboxLayout(workDir));

        Path sandbox = sandboxes.create(new RunKey("A", "F", "E", "c1"), Optional.of("nobody"));

        assertThat(Files.getOwner(sandbox).getName()).isEqualTo("nobody");
        assertThat(Files.getOwner(sandbox.resolve("stdout")).getName()).isEqualTo("nobody");
    }
}
