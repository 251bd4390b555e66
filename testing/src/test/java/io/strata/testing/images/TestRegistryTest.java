package io.strata.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestRegistryTest {
  /** What a puller sends: without it the registry hides OCI manifests (runtime.md §2). */
  static final String ACCEPT_ALL = String.join(", ",
      ImageFormat.OCI.indexMediaType(), ImageFormat.OCI.manifestMediaType(),
      ImageFormat.DOCKER_V2.indexMediaType(), ImageFormat.DOCKER_V2.manifestMediaType());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Layer SMALL = Layer.builder().directories("etc/").file("etc/motd", "hi\n", 0644).build();
  private static final OciImage IMAGE = OciImage.builder().layer(SMALL).cmd("cat", "/etc/motd").build();

  private static TestRegistry registry;

  @BeforeAll
  static void start() {
    assumeTrue(TestRegistry.isInstalled(), "docker-registry is not installed (apt-get install docker-registry)");
    registry = TestRegistry.start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void start_servesApiOnLoopbackAndCatalogListsPushedRepositories() throws Exception {
    registry.push(IMAGE, "team/catalog", "v1", ImageFormat.OCI);

    HttpResponse<String> base = get("/v2/", "*/*");
    JsonNode catalog = JSON.readTree(get("/v2/_catalog", "application/json").body());

    assertThat(registry.address()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(base.statusCode()).isEqualTo(200);
    assertThat(base.headers().firstValue("Docker-Distribution-Api-Version")).contains("registry/2.0");
    assertThat(catalog.get("repositories")).extracting(JsonNode::asText).contains("team/catalog");
    assertThat(JSON.readTree(get("/v2/team/catalog/tags/list", "application/json").body()).get("tags"))
        .extracting(JsonNode::asText).containsExactly("v1");
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void push_busybox_manifestServedWithContentTypeAndDigest(ImageFormat format) throws Exception {
    assumeTrue(TestImages.busyboxInstalled(), "busybox-static is not installed");
    OciImage busybox = TestImages.busybox();
    String repository = "busybox-" + format.name().toLowerCase();

    String digest = registry.push(busybox, repository, "latest", format);
    HttpResponse<byte[]> manifest = getBytes("/v2/" + repository + "/manifests/latest", ACCEPT_ALL);

    assertThat(digest).isEqualTo(busybox.manifest(format).digest());
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.headers().firstValue("Content-Type")).contains(format.manifestMediaType());
    assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(Blob.sha256(manifest.body())).isEqualTo(digest);
    for (Layer layer : busybox.layers()) {
      HttpResponse<byte[]> blob = getBytes("/v2/" + repository + "/blobs/" + layer.blob().digest(), "*/*");
      assertThat(Blob.sha256(blob.body())).isEqualTo(layer.blob().digest());
      assertThat(Blob.sha256(LayerTest.gunzip(blob.body()))).isEqualTo(layer.diffId());
    }
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void pushIndex_amd64AndArm64_indexAndEachManifestServed(ImageFormat format) throws Exception {
    String repository = "multi-" + format.name().toLowerCase();
    OciImage arm = IMAGE.withPlatform(Platform.LINUX_ARM64);

    String digest = registry.pushIndex(repository, "latest", format, List.of(IMAGE, arm));
    HttpResponse<byte[]> index = getBytes("/v2/" + repository + "/manifests/latest", ACCEPT_ALL);
    JsonNode json = JSON.readTree(index.body());

    assertThat(index.headers().firstValue("Content-Type")).contains(format.indexMediaType());
    assertThat(index.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(json.get("manifests")).extracting(entry -> entry.at("/platform/architecture").asText())
        .containsExactly("amd64", "arm64");
    for (OciImage image : List.of(IMAGE, arm)) {
      String manifestDigest = image.manifest(format).digest();
      HttpResponse<byte[]> manifest = getBytes("/v2/" + repository + "/manifests/" + manifestDigest, ACCEPT_ALL);
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(Blob.sha256(manifest.body())).isEqualTo(manifestDigest);
    }
  }

  @Test
  void get_ociManifestWithoutAccept_notFoundAsRegistriesDo() throws Exception {
    registry.push(IMAGE, "accept", "latest", ImageFormat.OCI);

    assertThat(get("/v2/accept/manifests/latest", ImageFormat.DOCKER_V2.manifestMediaType()).statusCode())
        .isEqualTo(404);
    assertThat(get("/v2/accept/manifests/latest", ACCEPT_ALL).statusCode()).isEqualTo(200);
  }

  @Test
  void pushBlob_twice_uploadsOnce() {
    registry.pushBlob("blobs", SMALL.blob());
    registry.pushBlob("blobs", SMALL.blob());

    assertThat(registry.hasBlob("blobs", SMALL.blob().digest())).isTrue();
    assertThat(registry.hasBlob("blobs", Blob.sha256(new byte[] {1}))).isFalse();
  }

  @Test
  void corruptBlob_servedWithSameSizeButWrongContent() throws Exception {
    Layer layer = Layer.builder().file("corrupt-me", "some content to corrupt", 0644).build();
    registry.push(OciImage.builder().layer(layer).build(), "corrupt", "latest", ImageFormat.OCI);

    registry.corruptBlob(layer.blob().digest());
    HttpResponse<byte[]> blob = getBytes("/v2/corrupt/blobs/" + layer.blob().digest(), "*/*");

    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(blob.body()).hasSize((int) layer.blob().size());
    assertThat(Blob.sha256(blob.body())).isNotEqualTo(layer.blob().digest());
  }

  @Test
  void deleteManifest_tagGone() throws Exception {
    String digest = registry.push(IMAGE, "deleted", "latest", ImageFormat.DOCKER_V2);

    registry.deleteManifest("deleted", digest);

    assertThat(get("/v2/deleted/manifests/latest", ACCEPT_ALL).statusCode()).isEqualTo(404);
  }

  @Test
  void close_stopsRegistryAndDeletesStorage() throws Exception {
    TestRegistry other = TestRegistry.start();
    Path storage = other.storageDirectory();
    URI base = other.baseUri();
    other.push(IMAGE, "gone", "latest", ImageFormat.OCI);

    other.close();
    other.close();

    assertThat(Files.exists(storage)).isFalse();
    assertThat(Files.exists(storage.getParent())).isFalse();
    assertThatThrownBy(() -> HTTP.send(
        HttpRequest.newBuilder(base.resolve("/v2/")).build(), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(IOException.class);
  }

  private static HttpResponse<String> get(String path, String accept) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(registry.baseUri().resolve(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> getBytes(String path, String accept) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(registry.baseUri().resolve(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
