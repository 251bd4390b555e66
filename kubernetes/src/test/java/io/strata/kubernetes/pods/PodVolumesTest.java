package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.mesos.ContainerInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pod volumes as Mesos volumes: emptyDir in the executor's sandbox, configMap and secret keys as files. */
class PodVolumesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final PodTasks.Lookup STORE = (resource, ns, name) -> Optional.ofNullable(Map.of(
            "configmaps/default/cfg", json("{\"data\":{\"app.conf\":\"x=1\",\"b\":\"two\"}}"),
            "secrets/default/creds", json("{\"data\":{\"password\":\""
                    + Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)) + "\"}}"))
            .get(resource + "/" + ns + "/" + name));

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode pod(String volumes, String mounts) {
        return json("""
                {"metadata":{"name":"p","namespace":"default"},
                 "spec":{"volumes":%s,"containers":[{"name":"c","image":"busybox","volumeMounts":%s}]}}"""
                .formatted(volumes, mounts));
    }

    private static List<ContainerInfo.Volume> volumes(JsonNode pod, boolean host) {
        return PodVolumes.of(pod, pod.path("spec").path("containers").get(0), host, STORE);
    }

    private static String content(ContainerInfo.Volume v) {
        return new String(Base64.getDecoder().decode(v.source().secret().value().data()), StandardCharsets.UTF_8);
    }

    @Test
    void of_emptyDir_isADirectoryInTheParentSandbox() {
        List<ContainerInfo.Volume> v = volumes(pod("[{\"name\":\"work\",\"emptyDir\":{}}]",
                "[{\"name\":\"work\",\"mountPath\":\"/work\"},"
                        + "{\"name\":\"work\",\"mountPath\":\"/sub/\",\"subPath\":\"a/b\",\"readOnly\":true}]"), false);

        assertThat(v).hasSize(2);
        assertThat(v.get(0).containerPath()).isEqualTo("/work");
        assertThat(v.get(0).mode()).isEqualTo("RW");
        assertThat(v.get(0).source().type()).isEqualTo(ContainerInfo.Volume.SourceType.SANDBOX_PATH);
        assertThat(v.get(0).source().sandboxPath()).isEqualTo(new ContainerInfo.Volume.SandboxPath(
                ContainerInfo.Volume.SandboxPath.SandboxType.PARENT, "volumes/work"));
        assertThat(v.get(1).containerPath()).isEqualTo("/sub");
        assertThat(v.get(1).mode()).isEqualTo("RO");
        assertThat(v.get(1).source().sandboxPath().path()).isEqualTo("volumes/work/a/b");
    }

    @Test
    void of_configMap_everyKeyAReadOnlyFile() {
        List<ContainerInfo.Volume> v = volumes(pod("[{\"name\":\"config\",\"configMap\":{\"name\":\"cfg\"}}]",
                "[{\"name\":\"config\",\"mountPath\":\"/etc/config\"}]"), false);

        assertThat(v).extracting(ContainerInfo.Volume::containerPath)
                .containsExactly("/etc/config/app.conf", "/etc/config/b");
        assertThat(v).allMatch(x -> x.mode().equals("RO")
                && x.source().secret().type() == ContainerInfo.Volume.Secret.SecretType.VALUE);
        assertThat(content(v.get(0))).isEqualTo("x=1");
    }

    @Test
    void of_itemsAndSubPath_pickTheNamedFiles() {
        JsonNode items = pod("[{\"name\":\"config\",\"configMap\":{\"name\":\"cfg\",\"items\":[{\"key\":\"b\","
                + "\"path\":\"dir/two.txt\"}]}}]", "[{\"name\":\"config\",\"mountPath\":\"/c\"}]");
        assertThat(volumes(items, false)).extracting(ContainerInfo.Volume::containerPath)
                .containsExactly("/c/dir/two.txt");

        JsonNode sub = pod("[{\"name\":\"config\",\"configMap\":{\"name\":\"cfg\"}}]",
                "[{\"name\":\"config\",\"mountPath\":\"/etc/app.conf\",\"subPath\":\"app.conf\"}]");
        List<ContainerInfo.Volume> v = volumes(sub, false);
        assertThat(v).extracting(ContainerInfo.Volume::containerPath).containsExactly("/etc/app.conf");
        assertThat(content(v.get(0))).isEqualTo("x=1");
    }

    @Test
    void of_secret_decodedFromBase64AndReEncodedForTheAgent() {
        List<ContainerInfo.Volume> v = volumes(pod("[{\"name\":\"s\",\"secret\":{\"secretName\":\"creds\"}}]",
                "[{\"name\":\"s\",\"mountPath\":\"/secrets\"}]"), false);

        assertThat(v).extracting(ContainerInfo.Volume::containerPath).containsExactly("/secrets/password");
        assertThat(content(v.get(0))).isEqualTo("s3cret");
    }

    @Test
    void of_fileModes_itemModeOverDefaultModeOverUpstreamsDefault0644() {
        List<ContainerInfo.Volume> modes = volumes(pod("[{\"name\":\"s\",\"secret\":{\"secretName\":\"creds\","
                + "\"defaultMode\":256,\"items\":[{\"key\":\"password\",\"path\":\"a\",\"mode\":384},"
                + "{\"key\":\"password\",\"path\":\"b\"}]}},"
                + "{\"name\":\"c\",\"configMap\":{\"name\":\"cfg\",\"items\":[{\"key\":\"b\",\"path\":\"b\"}]}},"
                + "{\"name\":\"d\",\"configMap\":{\"name\":\"cfg\",\"defaultMode\":0}}]",
                "[{\"name\":\"s\",\"mountPath\":\"/s\"},{\"name\":\"c\",\"mountPath\":\"/c\"},"
                        + "{\"name\":\"d\",\"mountPath\":\"/d\"}]"), false);

        assertThat(modes).extracting(ContainerInfo.Volume::containerPath)
                .containsExactly("/s/a", "/s/b", "/c/b", "/d/app.conf", "/d/b");
        // 384 = 0600 (the item's), 256 = 0400 (the volume's defaultMode), 420 = 0644 (upstream's default)
        assertThat(modes).extracting(v -> v.source().secret().fileMode()).containsExactly(0600, 0400, 0644, 0, 0);
    }

    @Test
    void of_hostRuntime_pathsRelativeToTheSandbox() {
        List<ContainerInfo.Volume> v = volumes(pod("[{\"name\":\"config\",\"configMap\":{\"name\":\"cfg\"}},"
                + "{\"name\":\"w\",\"emptyDir\":{}}]", "[{\"name\":\"config\",\"mountPath\":\"/etc/config\"},"
                + "{\"name\":\"w\",\"mountPath\":\"/w\"}]"), true);

        assertThat(v).extracting(ContainerInfo.Volume::containerPath)
                .containsExactly("etc/config/app.conf", "etc/config/b", "w");
    }

    @Test
    void of_missingObjectOrKey_failsWithUpstreamsMountMessage_unlessOptional() {
        assertThatThrownBy(() -> volumes(pod("[{\"name\":\"config\",\"configMap\":{\"name\":\"nope\"}}]",
                "[{\"name\":\"config\",\"mountPath\":\"/c\"}]"), false))
                .isInstanceOf(PodTasks.ConfigError.class)
                .hasMessage("MountVolume.SetUp failed for volume \"config\" : configmap \"nope\" not found")
                .satisfies(e -> {
                    assertThat(((PodTasks.ConfigError) e).eventReason()).isEqualTo("FailedMount");
                    assertThat(((PodTasks.ConfigError) e).waitingReason()).isEqualTo("ContainerCreating");
                });
        assertThatThrownBy(() -> volumes(pod("[{\"name\":\"s\",\"secret\":{\"secretName\":\"creds\",\"items\":"
                + "[{\"key\":\"user\",\"path\":\"u\"}]}}]", "[{\"name\":\"s\",\"mountPath\":\"/s\"}]"), false))
                .hasMessage("MountVolume.SetUp failed for volume \"s\" : secret references non-existent secret key: "
                        + "user");
        assertThat(volumes(pod("[{\"name\":\"config\",\"configMap\":{\"name\":\"nope\",\"optional\":true}}]",
                "[{\"name\":\"config\",\"mountPath\":\"/c\"}]"), false)).isEmpty();
    }

    @Test
    void tasks_volumesAndReadinessSuccessThreshold_rideOnTheContainersTask() {
        JsonNode pod = json("""
                {"metadata":{"name":"p","namespace":"default"},
                 "spec":{"volumes":[{"name":"w","emptyDir":{}}],
                   "containers":[{"name":"c","image":"busybox","volumeMounts":[{"name":"w","mountPath":"/w"}],
                     "readinessProbe":{"tcpSocket":{"port":80},"successThreshold":4}}]}}""");
        var task = PodTasks.tasks(pod, 1, new io.strata.api.mesos.AgentId("a"), "10.0.0.1", STORE).get(0);

        assertThat(task.container().mesos().image().docker().name()).isEqualTo("busybox");
        assertThat(task.container().volumes()).extracting(ContainerInfo.Volume::containerPath).containsExactly("/w");
        assertThat(task.labels().labels()).contains(new io.strata.api.mesos.Label(Probes.CHECK_SUCCESS_LABEL, "4"));
    }
}
