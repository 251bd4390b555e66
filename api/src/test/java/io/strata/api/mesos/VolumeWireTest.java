package io.strata.api.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VolumeWireTest {

    @Test
    void parse_mesosVolumeSources_readsSandboxPathAndSecret() {
        String json = """
                {"type":"MESOS","volumes":[
                  {"mode":"RW","container_path":"/shared","source":{"type":"SANDBOX_PATH",
                    "sandbox_path":{"type":"PARENT","path":"volumes/shared"}}},
                  {"mode":"RO","container_path":"/etc/secret/token","source":{"type":"SECRET",
                    "secret":{"type":"VALUE","value":{"data":"c2VjcmV0"}}}},
                  {"mode":"RO","container_path":"/data","host_path":"/srv/data"}]}
                """;
        ContainerInfo info = Json.parse(json.getBytes(StandardCharsets.UTF_8), ContainerInfo.class);

        ContainerInfo.Volume shared = info.volumes().get(0);
        assertThat(shared.source().type()).isEqualTo(ContainerInfo.Volume.SourceType.SANDBOX_PATH);
        assertThat(shared.source().sandboxPath().type())
                .isEqualTo(ContainerInfo.Volume.SandboxPath.SandboxType.PARENT);
        assertThat(shared.source().sandboxPath().path()).isEqualTo("volumes/shared");
        ContainerInfo.Volume secret = info.volumes().get(1);
        assertThat(secret.mode()).isEqualTo("RO");
        assertThat(secret.source().secret().value().data()).isEqualTo("c2VjcmV0");
        assertThat(info.volumes().get(2).hostPath()).isEqualTo("/srv/data");
        assertThat(info.volumes().get(2).source()).isNull();
    }

    @Test
    void write_sandboxVolume_usesMesosFieldNames() {
        ContainerInfo.Volume volume = new ContainerInfo.Volume("/shared", null, "RW", new ContainerInfo.Volume.Source(
                ContainerInfo.Volume.SourceType.SANDBOX_PATH, null, new ContainerInfo.Volume.SandboxPath(
                        ContainerInfo.Volume.SandboxPath.SandboxType.SELF, "cache"), null));

        String json = new String(Json.toBytes(volume), StandardCharsets.UTF_8);

        assertThat(json).contains("\"container_path\":\"/shared\"", "\"sandbox_path\":{\"type\":\"SELF\"",
                "\"type\":\"SANDBOX_PATH\"").doesNotContain("host_path");
    }

    @Test
    void secretFileMode_absentOrSet_roundTripsAsFileModeAndStaysOutWhenNull() {
        ContainerInfo.Volume.Secret plain = new ContainerInfo.Volume.Secret(
                ContainerInfo.Volume.Secret.SecretType.VALUE, null, new ContainerInfo.Volume.Secret.Value("eA=="));
        ContainerInfo.Volume.Secret moded = new ContainerInfo.Volume.Secret(
                ContainerInfo.Volume.Secret.SecretType.VALUE, null, new ContainerInfo.Volume.Secret.Value("eA=="),
                0400);

        String plainJson = new String(Json.toBytes(plain), StandardCharsets.UTF_8);
        String modedJson = new String(Json.toBytes(moded), StandardCharsets.UTF_8);

        assertThat(plainJson).doesNotContain("file_mode");
        assertThat(modedJson).contains("\"file_mode\":256");
        assertThat(Json.parse(modedJson.getBytes(StandardCharsets.UTF_8), ContainerInfo.Volume.Secret.class))
                .isEqualTo(moded);
        assertThat(Json.parse(plainJson.getBytes(StandardCharsets.UTF_8), ContainerInfo.Volume.Secret.class)
                .fileMode()).isNull();
    }
}
