package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OciRuntimeSelectionTest {
    private static final Path RUNC = Path.of("/usr/sbin/runc");
    private static final Path CRUN = Path.of("/usr/bin/crun");

    private static Map<OciRuntimeKind, Path> installed(String which) {
        Map<OciRuntimeKind, Path> out = new EnumMap<>(OciRuntimeKind.class);
        if (which.contains("runc")) {
            out.put(OciRuntimeKind.RUNC, RUNC);
        }
        if (which.contains("crun")) {
            out.put(OciRuntimeKind.CRUN, CRUN);
        }
        return out;
    }

    /** Every combination that yields a runtime: requested, installed binaries, layout -> the runtime chosen. */
    @ParameterizedTest
    @CsvSource({
            "auto, runc+crun, UNIFIED, CRUN", "auto, runc+crun, HYBRID, RUNC", "auto, runc+crun, HYBRID_EMPTY_V2, RUNC",
            "auto, runc+crun, LEGACY, RUNC", "auto, runc, UNIFIED, RUNC", "auto, runc, HYBRID, RUNC",
            "auto, crun, UNIFIED, CRUN", "auto, crun, LEGACY, CRUN", "auto, crun, HYBRID_EMPTY_V2, CRUN",
            "runc, runc+crun, UNIFIED, RUNC", "RUNC, runc, HYBRID, RUNC",
            "crun, runc+crun, UNIFIED, CRUN", "crun, crun, LEGACY, CRUN", "crun, runc+crun, HYBRID_EMPTY_V2, CRUN"})
    void choose_runtimeAvailable_picksIt(String requested, String installed, CgroupLayout layout,
                                         OciRuntimeKind expected) {
        OciRuntimeSelection selection = OciRuntimeSelection.choose(requested, installed(installed), layout);

        assertThat(selection).isInstanceOfSatisfying(OciRuntimeSelection.Chosen.class, chosen -> {
            assertThat(chosen.kind()).isEqualTo(expected);
            assertThat(chosen.binary()).isEqualTo(expected == OciRuntimeKind.RUNC ? RUNC : CRUN);
        });
    }

    @Test
    void choose_autoOnThisMachinesHybridLayout_explainsWhyRunc() {
        OciRuntimeSelection selection = OciRuntimeSelection.choose("auto", installed("runc+crun"), CgroupLayout.HYBRID);

        assertThat(((OciRuntimeSelection.Chosen) selection).why())
                .isEqualTo("auto: runc (crun refuses this host's hybrid cgroups)");
    }

    @Test
    void choose_crunOnHybridHost_isUnavailableWithTheReason() {
        assertThat(OciRuntimeSelection.choose("crun", installed("runc+crun"), CgroupLayout.HYBRID))
                .isEqualTo(new OciRuntimeSelection.Unavailable(RuncRuntime.CRUN_HYBRID_MESSAGE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "auto| none| UNIFIED| install runc (apt-get install runc)",
            "auto| crun| HYBRID| crun is installed but refuses this host's hybrid cgroups; install runc",
            "runc| crun| UNIFIED| --oci-runtime runc was chosen but runc is not installed (apt-get install runc)",
            "crun| runc| UNIFIED| --oci-runtime crun was chosen but crun is not installed (apt-get install crun)"})
    void choose_nothingUsable_saysWhatToInstall(String requested, String installed, CgroupLayout layout,
                                                String message) {
        OciRuntimeSelection selection = OciRuntimeSelection.choose(requested, installed(installed), layout);

        assertThat(selection).isInstanceOfSatisfying(OciRuntimeSelection.Unavailable.class,
                u -> assertThat(u.message()).startsWith("image tasks need an OCI runtime").contains(message));
    }

    @Test
    void choose_unknownValue_namesTheFlag() {
        assertThatThrownBy(() -> OciRuntimeSelection.choose("docker", installed("runc"), CgroupLayout.UNIFIED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--oci-runtime must be runc, crun or auto, not 'docker'");
    }

    @Test
    void detect_layouts_fromCgroupFiles(@TempDir Path dir) throws Exception {
        Path unified = Files.createDirectories(dir.resolve("unified"));
        Path hybrid = Files.createDirectories(dir.resolve("hybrid/unified"));
        Path empty = Files.createDirectories(dir.resolve("empty/unified"));
        Files.writeString(unified.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(hybrid.resolve("cgroup.controllers"), "hugetlb\n");
        Files.writeString(empty.resolve("cgroup.controllers"), "\n");
        Files.createDirectories(dir.resolve("legacy/memory"));

        assertThat(CgroupLayout.detect(dir.resolve("unified"))).isEqualTo(CgroupLayout.UNIFIED);
        assertThat(CgroupLayout.detect(dir.resolve("hybrid"))).isEqualTo(CgroupLayout.HYBRID);
        assertThat(CgroupLayout.detect(dir.resolve("empty"))).isEqualTo(CgroupLayout.HYBRID_EMPTY_V2);
        assertThat(CgroupLayout.detect(dir.resolve("legacy"))).isEqualTo(CgroupLayout.LEGACY);
    }

    @Test
    void detect_thisMachine_isHybridSoAutoPicksRunc() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/sys/fs/cgroup/unified/cgroup.controllers")),
                "not this project's hybrid test machine");

        assertThat(CgroupLayout.detect(Path.of("/sys/fs/cgroup")))
                .isIn(CgroupLayout.HYBRID, CgroupLayout.HYBRID_EMPTY_V2);
    }
}
