package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real crun binary on a hybrid cgroup host such as this project's test machines (runtime.md section 1): it
 * refuses to run a container, the agent's layout detection predicts that refusal, {@code --oci-runtime crun} is
 * unavailable with a message that names the cause and suggests runc, and {@code auto} keeps choosing runc.
 */
class CrunOnHybridHostTest {
    @TempDir
    Path dir;
    private Map<OciRuntimeKind, Path> installed;
    private Path crun;

    @BeforeEach
    void requireCrunOnHybridHost() {
        installed = OciRuntimeKind.installed();
        crun = installed.get(OciRuntimeKind.CRUN);
        assumeTrue(crun != null, "crun is not installed (apt-get install --no-install-recommends crun)");
        assumeTrue(CgroupLayout.detect(Path.of("/sys/fs/cgroup")) == CgroupLayout.HYBRID,
                "not a hybrid cgroup host with controllers in its v2 tree");
    }

    @Test
    void crunRun_hybridHost_refusesWithTheErrorTheAgentDiagnoses() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "running a container needs root");
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        RuncFixture.buildBusyboxRootfs(bundle.resolve("rootfs"));
        assertThat(run(List.of(crun.toString(), "spec"), bundle).exitValue()).isZero();

        Process p = run(List.of(crun.toString(), "--root", dir.resolve("state").toString(), "run", "--bundle",
                bundle.toString(), "strata-crun-probe"), bundle);
        String output = new String(p.getInputStream().readAllBytes());

        assertThat(p.exitValue()).as(output).isNotZero();
        assertThat(output).contains(RuncRuntime.CRUN_HYBRID_ERROR);
        assertThat(RuncRuntime.diagnose(output)).contains(RuncRuntime.CRUN_HYBRID_MESSAGE);
    }

    @Test
    void choose_crunOnThisHost_isUnavailableNamingTheCauseAndSuggestingRunc() {
        OciRuntimeSelection chosen = OciRuntimeSelection.choose("crun", installed,
                CgroupLayout.detect(Path.of("/sys/fs/cgroup")));

        assertThat(chosen).isInstanceOf(OciRuntimeSelection.Unavailable.class);
        assertThat(((OciRuntimeSelection.Unavailable) chosen).message()).contains("hybrid")
                .contains("--oci-runtime runc");
        assertThatThrownBy(() -> RuncRuntime.create(OciRuntimeKind.CRUN, dir.resolve("crun")))
                .isInstanceOf(OciException.class).hasMessage(RuncRuntime.CRUN_HYBRID_MESSAGE);
    }

    @Test
    void choose_autoWithCrunInstalled_keepsRunc() {
        assumeTrue(installed.containsKey(OciRuntimeKind.RUNC), "runc is not installed");

        OciRuntimeSelection chosen = OciRuntimeSelection.choose("auto", installed,
                CgroupLayout.detect(Path.of("/sys/fs/cgroup")));

        assertThat(chosen).isInstanceOfSatisfying(OciRuntimeSelection.Chosen.class, c -> {
            assertThat(c.kind()).isEqualTo(OciRuntimeKind.RUNC);
            assertThat(c.why()).contains("crun refuses this host's hybrid cgroups");
        });
    }

    private static Process run(List<String> command, Path directory) throws Exception {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return p;
    }
}
