package io.strata.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.json.Json;
import io.strata.api.mesos.ContainerInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeParserTest {
    /** Volumes as a scheduler sends them: Mesos v1 JSON. */
    private static List<ContainerInfo.Volume> volumes(String json) throws Exception {
        return Json.mesos().readValue("{\"type\": \"MESOS\", \"volumes\": " + json + "}", ContainerInfo.class)
                .volumes();
    }

    @Test
    void parse_mesosJson_sandboxPathsAndSecret() throws Exception {
        List<VolumeSpec> specs = VolumeParser.parse(volumes("""
                [{"container_path": "/shared", "mode": "RW",
                  "source": {"type": "SANDBOX_PATH", "sandbox_path": {"type": "PARENT", "path": "volumes/shared"}}},
                 {"container_path": "cache", "mode": "RO",
                  "source": {"type": "SANDBOX_PATH", "sandbox_path": {"type": "SELF", "path": "cache/"}}},
                 {"container_path": "/etc/app/token", "mode": "RO",
                  "source": {"type": "SECRET", "secret": {"type": "VALUE", "value": {"data": "czNjcjN0"}}}}]
                """), true, true);

        assertThat(specs).containsExactly(
                new VolumeSpec.SandboxPath("/shared", VolumeMode.RW, VolumeSpec.Sandbox.PARENT, "volumes/shared"),
                new VolumeSpec.SandboxPath("cache", VolumeMode.RO, VolumeSpec.Sandbox.SELF, "cache"),
                new VolumeSpec.Secret("/etc/app/token", VolumeMode.RO, "s3cr3t".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parse_noModeNoSandboxType_defaultsToReadWriteSelf() throws Exception {
        assertThat(VolumeParser.parse(volumes("""
                [{"container_path": "data", "source": {"type": "SANDBOX_PATH", "sandbox_path": {"path": "d"}}}]
                """), false, false))
                .containsExactly(new VolumeSpec.SandboxPath("data", VolumeMode.RW, VolumeSpec.Sandbox.SELF, "d"));
    }

    @Test
    void parse_secretFileMode_isKeptAndDefaultsByAccessMode() throws Exception {
        List<VolumeSpec> specs = VolumeParser.parse(volumes("""
                [{"container_path": "/a", "mode": "RO", "source": {"type": "SECRET",
                   "secret": {"type": "VALUE", "value": {"data": "eA=="}, "file_mode": 256}}},
                 {"container_path": "/b", "mode": "RO", "source": {"type": "SECRET",
                   "secret": {"type": "VALUE", "value": {"data": "eA=="}, "file_mode": 0}}},
                 {"container_path": "/c", "mode": "RO", "source": {"type": "SECRET",
                   "secret": {"type": "VALUE", "value": {"data": "eA=="}}}},
                 {"container_path": "/d", "mode": "RW", "source": {"type": "SECRET",
                   "secret": {"type": "VALUE", "value": {"data": "eA=="}}}}]
                """), false, true);

        assertThat(specs).extracting(s -> ((VolumeSpec.Secret) s).fileMode())
                .containsExactly(0400, 0, 0444, 0644); // 256 is 0400
    }

    @ParameterizedTest
    @CsvSource({"512", "-1", "4095"})
    void parse_secretFileModeOutOfRange_isRefusedNamingTheField(int mode) throws Exception {
        assertThatThrownBy(() -> VolumeParser.parse(volumes("""
                [{"container_path": "/a", "source": {"type": "SECRET",
                   "secret": {"type": "VALUE", "value": {"data": "eA=="}, "file_mode": %d}}}]
                """.formatted(mode)), false, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("container.volumes[0].source.secret.file_mode " + mode + " must be a number between 0 "
                        + "and 0777 (octal), both inclusive");
    }

    @Test
    void parse_noVolumes_isEmpty() {
        assertThat(VolumeParser.parse(null, false, true)).isEmpty();
        assertThat(VolumeParser.parse(List.of(), true, false)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // volume JSON | in group | image | message
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"type\": \"PARENT\", \"path\": \"s\"}}}"
                    + "| false| true| container.volumes[0].source.sandbox_path.type PARENT needs a task group",
            "{\"container_path\": \"/s\", \"mode\": \"RX\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"s\"}}}"
                    + "| false| true| container.volumes[0].mode must be RW or RO, not 'RX'",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"../s\"}}}"
                    + "| false| true| container.volumes[0].source.sandbox_path.path '../s' must not contain '..'",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"/etc\"}}}"
                    + "| false| true| container.volumes[0].source.sandbox_path.path '/etc' must be a relative path",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SANDBOX_PATH\"}}"
                    + "| false| true| container.volumes[0].source.sandbox_path is missing",
            "{\"container_path\": \"/abs\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"s\"}}}"
                    + "| false| false| container.volumes[0].container_path '/abs' must be relative for a task without an image",
            "{\"container_path\": \"/proc/x\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"s\"}}}"
                    + "| false| true| container.volumes[0].container_path '/proc/x' is reserved",
            "{\"container_path\": \"/\", \"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"s\"}}}"
                    + "| false| true| container.volumes[0].container_path '/' is reserved",
            "{\"source\": {\"type\": \"SANDBOX_PATH\", \"sandbox_path\": {\"path\": \"s\"}}}"
                    + "| false| true| container.volumes[0].container_path is missing",
            "{\"container_path\": \"/s\", \"host_path\": \"/etc\"}"
                    + "| false| true| container.volumes[0].host_path volumes are not supported",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"HOST_PATH\", \"host_path\": {\"path\": \"/etc\"}}}"
                    + "| false| true| container.volumes[0].source.type HOST_PATH is not supported",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SECRET\", \"secret\": {\"type\": \"REFERENCE\", \"reference\": {\"name\": \"n\"}}}}"
                    + "| false| true| container.volumes[0].source.secret.type REFERENCE is not supported: Strata has no secret store",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SECRET\", \"secret\": {\"type\": \"VALUE\", \"value\": {\"data\": \"%%\"}}}}"
                    + "| false| true| container.volumes[0].source.secret.value.data is not base64",
            "{\"container_path\": \"/s\", \"source\": {\"type\": \"SECRET\", \"secret\": {\"type\": \"VALUE\"}}}"
                    + "| false| true| container.volumes[0].source.secret.value.data is missing"})
    void parse_invalid_namesTheField(String volume, boolean inGroup, boolean image, String message) throws Exception {
        List<ContainerInfo.Volume> volumes = volumes("[" + volume + "]");

        assertThatThrownBy(() -> VolumeParser.parse(volumes, inGroup, image))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message.trim());
    }

    @Test
    void parse_twoVolumesAtOnePath_refusesTheSecond() throws Exception {
        List<ContainerInfo.Volume> volumes = volumes("""
                [{"container_path": "a", "source": {"type": "SANDBOX_PATH", "sandbox_path": {"path": "x"}}},
                 {"container_path": "a/", "source": {"type": "SANDBOX_PATH", "sandbox_path": {"path": "y"}}}]
                """);

        assertThatThrownBy(() -> VolumeParser.parse(volumes, false, false))
                .hasMessage("container.volumes[1].container_path 'a' is used by another volume");
    }

    @Test
    void secretToString_hidesTheBytes() {
        assertThat(new VolumeSpec.Secret("/t", VolumeMode.RO, "hunter2".getBytes(StandardCharsets.UTF_8)).toString())
                .doesNotContain("hunter2").contains("7 bytes");
    }
}
