package io.strata.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OciImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Layer BASE = Layer.builder().directories("bin/").file("bin/app", "app", 0755).build();
  private static final Layer TOP = Layer.builder().whiteout("bin/app").build();

  private static OciImage sample() {
    return OciImage.builder()
        .layer(BASE)
        .layer(TOP)
        .entrypoint("/bin/app", "--serve")
        .cmd("--port", "80")
        .env("PATH", "/bin")
        .env("MODE", "test")
        .workingDir("/srv")
        .user("33:33")
        .exposedPort("80/tcp")
        .stopSignal("SIGQUIT")
        .label("team", "strata")
        .build();
  }

  @Test
  void config_holdsSettingsPlatformAndDiffIds() throws IOException {
    JsonNode config = JSON.readTree(sample().config().content());

    assertThat(config.get("architecture").asText()).isEqualTo("amd64");
    assertThat(config.get("os").asText()).isEqualTo("linux");
    assertThat(config.at("/rootfs/type").asText()).isEqualTo("layers");
    assertThat(config.at("/rootfs/diff_ids")).extracting(JsonNode::asText)
        .containsExactly(BASE.diffId(), TOP.diffId());
    JsonNode settings = config.get("config");
    assertThat(settings.get("Entrypoint")).extracting(JsonNode::asText).containsExactly("/bin/app", "--serve");
    assertThat(settings.get("Cmd")).extracting(JsonNode::asText).containsExactly("--port", "80");
    assertThat(settings.get("Env")).extracting(JsonNode::asText).containsExactly("PATH=/bin", "MODE=test");
    assertThat(settings.get("WorkingDir").asText()).isEqualTo("/srv");
    assertThat(settings.get("User").asText()).isEqualTo("33:33");
    assertThat(settings.get("ExposedPorts").has("80/tcp")).isTrue();
    assertThat(settings.get("StopSignal").asText()).isEqualTo("SIGQUIT");
    assertThat(settings.at("/Labels/team").asText()).isEqualTo("strata");
    assertThat(config.get("history")).hasSize(2);
  }

  @Test
  void config_unsetSettings_omitted() throws IOException {
    JsonNode settings = JSON.readTree(OciImage.builder().layer(BASE).build().config().content()).get("config");

    assertThat(settings.size()).isZero();
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void manifest_describesConfigAndLayersWithTheFormatsMediaTypes(ImageFormat format) throws IOException {
    OciImage image = sample();
    assertThat(image.manifest(format).mediaType()).isEqualTo(format.manifestMediaType());
    JsonNode manifest = JSON.readTree(image.manifest(format).content());

    assertThat(manifest.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(manifest.get("mediaType").asText()).isEqualTo(format.manifestMediaType());
    assertThat(manifest.at("/config/mediaType").asText()).isEqualTo(format.configMediaType());
    assertThat(manifest.at("/config/digest").asText()).isEqualTo(image.config().digest());
    assertThat(manifest.at("/config/size").asLong()).isEqualTo(image.config().size());
    assertThat(manifest.get("layers")).extracting(layer -> layer.get("digest").asText())
        .containsExactly(BASE.blob().digest(), TOP.blob().digest());
    assertThat(manifest.get("layers")).extracting(layer -> layer.get("mediaType").asText())
        .containsOnly(format.layerMediaType());
  }

  @Test
  void manifest_formatsShareConfigBytesButDifferInDigest() {
    OciImage image = sample();

    assertThat(image.config(ImageFormat.DOCKER_V2).digest()).isEqualTo(image.config(ImageFormat.OCI).digest());
    assertThat(image.manifest(ImageFormat.DOCKER_V2).digest()).isNotEqualTo(image.manifest(ImageFormat.OCI).digest());
    assertThat(sample().manifest(ImageFormat.OCI)).isEqualTo(image.manifest(ImageFormat.OCI));
  }

  @Test
  void withPlatform_changesConfigOnly() throws IOException {
    OciImage arm = sample().withPlatform(Platform.LINUX_ARM64);
    JsonNode config = JSON.readTree(arm.config().content());

    assertThat(config.get("architecture").asText()).isEqualTo("arm64");
    assertThat(config.get("variant").asText()).isEqualTo("v8");
    assertThat(arm.config().digest()).isNotEqualTo(sample().config().digest());
    assertThat(arm.layers()).isEqualTo(sample().layers());
    assertThat(arm.entrypoint()).isEqualTo(sample().entrypoint());
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void index_listsEveryPlatformsManifest(ImageFormat format) throws IOException {
    OciImage amd = sample();
    OciImage arm = sample().withPlatform(Platform.LINUX_ARM64);
    ImageIndex index = ImageIndex.of(format, List.of(amd, arm));
    JsonNode json = JSON.readTree(index.blob().content());

    assertThat(index.blob().mediaType()).isEqualTo(format.indexMediaType());
    assertThat(json.get("mediaType").asText()).isEqualTo(format.indexMediaType());
    assertThat(json.get("manifests")).extracting(entry -> entry.get("digest").asText())
        .containsExactly(amd.manifest(format).digest(), arm.manifest(format).digest());
    assertThat(json.get("manifests")).extracting(entry -> entry.at("/platform/architecture").asText())
        .containsExactly("amd64", "arm64");
    assertThat(json.at("/manifests/1/platform/variant").asText()).isEqualTo("v8");
    assertThat(json.at("/manifests/0/mediaType").asText()).isEqualTo(format.manifestMediaType());
  }

  @Test
  void index_emptyOrDuplicatePlatform_rejected() {
    assertThatThrownBy(() -> ImageIndex.of(ImageFormat.OCI, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageIndex.of(ImageFormat.OCI, List.of(sample(), sample())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_badSettings_rejected() {
    assertThatThrownBy(() -> OciImage.builder().exposedPort("80")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OciImage.builder().env("A=B", "c")).isInstanceOf(IllegalArgumentException.class);
  }
}
