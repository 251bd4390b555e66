package io.strata.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.agent.sandbox.SandboxAccessException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxFilesTest {

    @TempDir
    Path temp;
    private Path workDir;
    private Path sandbox;
    private SandboxFiles files;

    @BeforeEach
    void setUp() throws IOException {
        workDir = Files.createDirectories(temp.resolve("work"));
        sandbox = Files.createDirectories(workDir.resolve("slaves/A/frameworks/F/executors/E/runs/c1"));
        Files.writeString(sandbox.resolve("stdout"), "0123456789");
        Files.createDirectories(sandbox.resolve("sub"));
        Files.writeString(temp.resolve("secret"), "top secret");
        files = new SandboxFiles(workDir);
    }

    @ParameterizedTest
    @CsvSource({
        // offset, length, expected offset, expected data
        "0,  -1, 0,  0123456789",
        "3,  4,  3,  3456",
        "8,  100, 8, 89",
        "-1, -1, 10, ''",
        "-1, 5,  10, ''",
        "10, 5,  10, ''",
        "50, 5,  10, ''",
        "0,  0,  0,  ''",
    })
    void read_offsetAndLength_followMesosSemantics(long offset, long length, long expectedOffset, String data) {
        FileChunk chunk = files.read(sandbox.resolve("stdout"), offset, length);

        assertThat(chunk.offset()).isEqualTo(expectedOffset);
        assertThat(chunk.text()).isEqualTo(data);
    }

    @Test
    void read_largeFile_isCappedAtSixteenPages() throws IOException {
        Files.write(sandbox.resolve("big"), new byte[200_000]);

        assertThat(files.read(sandbox.resolve("big"), 0, -1).data()).hasSize(SandboxFiles.MAX_READ_LENGTH);
        assertThat(files.read(sandbox.resolve("big"), 190_000, -1).data()).hasSize(10_000);
    }

    @Test
    void read_relativePath_isTakenFromWorkDir() {
        assertThat(files.read(Path.of("slaves/A/frameworks/F/executors/E/runs/c1/stdout"), 0, 2).text())
                .isEqualTo("01");
    }

    @Test
    void read_dotDotOutsideWorkDir_isRefused() {
        assertThatThrownBy(() -> files.read(sandbox.resolve("../../../../../../../../../secret"), 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
        assertThatThrownBy(() -> files.read(Path.of("../nope"), 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
    }

    @Test
    void read_workDirOutsideTheSandboxes_isRefused() throws IOException {
        Path checkpoint = Files.createDirectories(workDir.resolve("meta/slaves/A/secrets"));
        Files.writeString(checkpoint.resolve("token"), "secret volume");
        Files.createSymbolicLink(sandbox.resolve("to-meta"), checkpoint.resolve("token"));

        assertThatThrownBy(() -> files.read(checkpoint.resolve("token"), 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
        assertThatThrownBy(() -> files.read(sandbox.resolve("to-meta"), 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
        assertThatThrownBy(() -> files.browse(workDir))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
    }

    @Test
    void read_symlinkEscapingWorkDir_isRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("escape"), temp.resolve("secret"));
        Files.createSymbolicLink(sandbox.resolve("escape-dir"), temp);

        assertThatThrownBy(() -> files.read(sandbox.resolve("escape"), 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
        assertThatThrownBy(() -> files.browse(sandbox.resolve("escape-dir")))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WORK_DIR));
    }

    @Test
    void read_symlinkInsideWorkDir_isAllowed() throws IOException {
        Files.createSymbolicLink(sandbox.getParent().resolve("latest"), Path.of("c1"));

        assertThat(files.read(sandbox.getParent().resolve("latest/stdout"), 0, 3).text()).isEqualTo("012");
    }

    @Test
    void read_missingDirectoryOrBadRange_isRefusedWithReason() {
        assertThatThrownBy(() -> files.read(sandbox.resolve("nope"), 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> files.read(sandbox, 0, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.IS_A_DIRECTORY));
        assertThatThrownBy(() -> files.read(sandbox.resolve("stdout"), -2, -1))
                .isInstanceOfSatisfying(SandboxAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_RANGE));
    }

    @Test
    void browse_sandbox_listsEntriesWithMesosFields() throws IOException {
        Files.setPosixFilePermissions(sandbox.resolve("stdout"), PosixFilePermissions.fromString("rw-r--r--"));

        List<FileEntry> entries = files.browse(sandbox);

        assertThat(entries).extracting(FileEntry::path)
                .containsExactly(sandbox.resolve("stdout"), sandbox.resolve("sub"));
        FileEntry stdout = entries.get(0);
        assertThat(stdout.size()).isEqualTo(10);
        assertThat(stdout.mode()).isEqualTo("-rw-r--r--");
        assertThat(stdout.nlink()).isEqualTo(1);
        assertThat(stdout.mtimeSeconds()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset
                .offset(60L));
        assertThat(stdout.uid()).isEqualTo(Files.getOwner(sandbox.resolve("stdout")).getName());
        assertThat(entries.get(1).mode()).startsWith("d");
    }

    @Test
    void browse_file_returnsItsOwnEntry() {
        assertThat(files.browse(sandbox.resolve("stdout"))).singleElement()
                .satisfies(entry -> assertThat(entry.path()).isEqualTo(sandbox.resolve("stdout")));
    }

    @ParameterizedTest
    @CsvSource({
        "0100644, -rw-r--r--",
        "0040755, drwxr-xr-x",
        "0120777, lrwxrwxrwx",
        "0104755, -rwsr-xr-x",
        "0102644, -rw-r-Sr--",
        "0041777, drwxrwxrwt",
        "0010600, prw-------",
    })
    void modeString_stMode_formatsLikeLs(String octal, String expected) {
        assertThat(SandboxFiles.modeString(Integer.parseInt(octal, 8))).isEqualTo(expected);
    }
}
