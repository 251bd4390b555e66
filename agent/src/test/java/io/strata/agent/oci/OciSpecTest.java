package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.agent.image.ImageConfig;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ResourceLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OciSpecTest {

    static ContainerRequest request(Map<String, String> env, NetworkMode network) {
        return new ContainerRequest(ContainerId.of("c1"), Path.of("/var/rootfs/c1"), Path.of("/var/sandbox/c1"),
                new ContainerProcess.ImageDefault(), env, Optional.empty(), network, "task-c1", "/strata/agent1/c1",
                new ResourceLimits(0.5, 64L << 20));
    }

    static ImageConfig image(List<String> env, String workingDir, String user, String stopSignal) {
        return new ImageConfig(List.of("/bin/sh"), List.of("-c", "true"), env, workingDir, user, stopSignal, null,
                null);
    }

    static ObjectNode build(ImageConfig image, ContainerRequest request) {
        return OciSpec.build(image, request, new UserIds(1000, 1000, List.of(50L)), Path.of("/b/hosts"),
                Path.of("/b/resolv.conf"));
    }

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of("image only", List.of("A=1", "B=2"), Map.of(),
                        List.of("PATH=" + OciSpec.DEFAULT_PATH, "A=1", "B=2", "MESOS_SANDBOX=/mnt/mesos/sandbox",
                                "HOSTNAME=task-c1")),
                Arguments.of("task wins", List.of("A=1", "PATH=/img"), Map.of("A", "task"),
                        List.of("PATH=/img", "A=task", "MESOS_SANDBOX=/mnt/mesos/sandbox", "HOSTNAME=task-c1")),
                Arguments.of("value with equals and empty", List.of("Q=a=b", "E="), Map.of("PATH", "/t"),
                        List.of("PATH=/t", "Q=a=b", "E=", "MESOS_SANDBOX=/mnt/mesos/sandbox", "HOSTNAME=task-c1")),
                Arguments.of("malformed image entry skipped", List.of("=x", "NOEQUALS"), Map.of("Z", "1"),
                        List.of("PATH=" + OciSpec.DEFAULT_PATH, "MESOS_SANDBOX=/mnt/mesos/sandbox",
                                "HOSTNAME=task-c1", "Z=1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void build_env_imageThenTaskWithTaskWinning(String name, List<String> imageEnv, Map<String, String> taskEnv,
            List<String> expected) {
        JsonNode env = build(image(imageEnv, "", "", ""), request(new LinkedHashMap<>(taskEnv), NetworkMode.HOST))
                .at("/process/env");
        assertThat(OciSpec.textList(env)).containsExactlyElementsOf(expected);
    }

    @Test
    void build_process_isForegroundWithDockerCapsAndResolvedUser() {
        JsonNode process = build(image(List.of(), "/srv", "web", ""), request(Map.of(), NetworkMode.HOST))
                .get("process");
        assertThat(process.get("terminal").asBoolean(true)).isFalse();
        assertThat(process.get("cwd").asText()).isEqualTo("/srv");
        assertThat(OciSpec.textList(process.get("args"))).containsExactly("/bin/sh", "-c", "true");
        assertThat(process.at("/user/uid").asLong()).isEqualTo(1000);
        assertThat(process.at("/user/gid").asLong()).isEqualTo(1000);
        assertThat(OciSpec.textList(process.at("/user/additionalGids"))).containsExactly("50");
        for (String set : List.of("bounding", "effective", "permitted")) {
            assertThat(OciSpec.textList(process.at("/capabilities/" + set)))
                    .hasSize(14).containsExactlyElementsOf(OciSpec.DEFAULT_CAPABILITIES);
        }
    }

    @Test
    void build_noWorkingDir_usesRoot() {
        assertThat(build(image(List.of(), "", "", ""), request(Map.of(), NetworkMode.HOST)).at("/process/cwd")
                .asText()).isEqualTo("/");
    }

    @ParameterizedTest
    @CsvSource({"HOST,pid ipc uts mount", "PRIVATE,pid network ipc uts mount"})
    void build_namespaces_networkOnlyWhenPrivate(NetworkMode mode, String expected) {
        List<String> types = new ArrayList<>();
        build(image(List.of(), "", "", ""), request(Map.of(), mode)).at("/linux/namespaces")
                .forEach(node -> types.add(node.get("type").asText()));
        assertThat(types).containsExactly(expected.split(" "));
    }

    @Test
    void build_linux_hasAbsoluteCgroupPathAndIsolatorLimits() {
        ObjectNode spec = build(image(List.of(), "", "", ""), request(Map.of(), NetworkMode.HOST));
        assertThat(spec.at("/linux/cgroupsPath").asText()).isEqualTo("/strata/agent1/c1");
        // 0.5 CPUs: shares 0.5 * 1024 = 512, quota 0.5 * 100000 = 50000 us per 100000 us
        assertThat(spec.at("/linux/resources/memory/limit").asLong()).isEqualTo(64L << 20);
        assertThat(spec.at("/linux/resources/cpu/shares").asLong()).isEqualTo(512);
        assertThat(spec.at("/linux/resources/cpu/quota").asLong()).isEqualTo(50_000);
        assertThat(spec.at("/linux/resources/cpu/period").asLong()).isEqualTo(100_000);
        assertThat(OciSpec.textList(spec.at("/linux/maskedPaths"))).contains("/proc/kcore", "/sys/firmware");
        assertThat(OciSpec.textList(spec.at("/linux/readonlyPaths"))).contains("/proc/sys", "/proc/sysrq-trigger");
        assertThat(spec.at("/root/path").asText()).isEqualTo("/var/rootfs/c1");
        assertThat(spec.at("/root/readonly").asBoolean(true)).isFalse();
        assertThat(spec.get("hostname").asText()).isEqualTo("task-c1");
    }

    @Test
    void build_mounts_includeSandboxTmpAndReadOnlyDnsFiles() {
        Map<String, JsonNode> mounts = new LinkedHashMap<>();
        build(image(List.of(), "", "", ""), request(Map.of(), NetworkMode.HOST)).get("mounts")
                .forEach(mount -> mounts.put(mount.get("destination").asText(), mount));
        assertThat(mounts).containsKeys("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/tmp");
        assertThat(OciSpec.textList(mounts.get("/sys").get("options"))).contains("ro");
        assertThat(mounts.get("/tmp").get("type").asText()).isEqualTo("tmpfs");
        JsonNode sandbox = mounts.get(OciSpec.SANDBOX_MOUNT);
        assertThat(sandbox.get("source").asText()).isEqualTo("/var/sandbox/c1");
        assertThat(OciSpec.textList(sandbox.get("options"))).contains("rbind", "rw");
        assertThat(mounts.get("/etc/hosts").get("source").asText()).isEqualTo("/b/hosts");
        assertThat(OciSpec.textList(mounts.get("/etc/resolv.conf").get("options"))).contains("bind", "ro");
    }

    @ParameterizedTest
    @CsvSource({"'',SIGTERM", "SIGQUIT,SIGQUIT", "quit,SIGQUIT", "9,9", "SIGRTMIN+3,SIGRTMIN+3"})
    void stopSignal_imageValue_isNormalized(String imageSignal, String expected) {
        assertThat(OciSpec.stopSignal(image(List.of(), "", "", imageSignal))).isEqualTo(expected);
    }

    @Test
    void effectiveUser_taskOverride_winsOverImage() {
        ContainerRequest base = request(Map.of(), NetworkMode.HOST);
        ContainerRequest overridden = new ContainerRequest(base.id(), base.rootfs(), base.sandbox(), base.process(),
                base.env(), Optional.of("nobody"), base.network(), base.hostname(), base.cgroupsPath(), base.limits());
        assertThat(OciSpec.effectiveUser(image(List.of(), "", "web", ""), base)).isEqualTo("web");
        assertThat(OciSpec.effectiveUser(image(List.of(), "", "web", ""), overridden)).isEqualTo("nobody");
    }
}
