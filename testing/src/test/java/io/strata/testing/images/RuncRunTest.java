package io.strata.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The test images really run, checked without Strata's own puller: pushed into the registry, pulled back with
 * {@code skopeo copy}, unpacked into a bundle with {@code umoci unpack} and run with {@code runc run} (runtime.md
 * §2-3). Skipped where those tools or root are missing.
 */
class RuncRunTest {
  /** Docker's default capability set: nginx needs SETUID/SETGID/CHOWN beyond runc's three defaults. */
  private static final List<String> DOCKER_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
      "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestRegistry registry;

  @BeforeAll
  static void start() {
    assumeTrue("root".equals(System.getProperty("user.name")), "runc needs root");
    for (String tool : List.of("skopeo", "umoci", "runc")) {
      assumeTrue(ExternalCommand.onPath(tool), tool + " is not installed (apt-get install " + tool + ")");
    }
    assumeTrue(TestRegistry.isInstalled(), "docker-registry is not installed");
    assumeTrue(TestImages.busyboxInstalled(), "busybox-static is not installed");
    registry = TestRegistry.start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void busybox_pulledWithSkopeo_runsUnderRunc(ImageFormat format, @TempDir Path work) throws IOException {
    registry.push(TestImages.busybox(), "busybox", format.name().toLowerCase(), format);
    Path bundle = pullAndUnpack("busybox:" + format.name().toLowerCase(), work);
    ObjectNode config = readConfig(bundle);
    config.withObject("/process").set("args", JSON.valueToTree(List.of("sh", "-c", "echo hello; id -un")));
    writeConfig(bundle, config);

    ExternalCommand.Result run = ExternalCommand.run(TOOL_TIMEOUT, work.resolve("run.log"),
        runc(work, "run", "--bundle", bundle.toString(), containerId()));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).isEqualTo("hello\nroot\n");
  }

  @Test
  void nginx_pulledWithSkopeo_answersHttp200OnAssignedHostPort(@TempDir Path work) throws Exception {
    assumeTrue(TestImages.nginxInstalled(), "nginx-light is not installed");
    registry.push(TestImages.nginx(), "library/nginx", "latest", ImageFormat.OCI);
    Path bundle = pullAndUnpack("library/nginx:latest", work);
    int port = freePort();
    writeConfig(bundle, hostNetworkWithDockerCapabilities(readConfig(bundle), port));
    String id = containerId();

    Process nginx = ExternalCommand.start(work.resolve("nginx.log"),
        runc(work, "run", "--bundle", bundle.toString(), id));
    try {
      HttpResponse<String> response = awaitHttp(URI.create("http://127.0.0.1:" + port + "/"), nginx,
          work.resolve("nginx.log"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("Welcome to nginx!");

      ExternalCommand.check(TOOL_TIMEOUT, work.resolve("kill.log"), runc(work, "kill", id, "QUIT"));
      assertThat(nginx.waitFor(15, TimeUnit.SECONDS)).as("nginx stops on SIGQUIT").isTrue();
      assertThat(nginx.exitValue()).isZero();
      assertThat(ExternalCommand.read(work.resolve("nginx.log"))).contains("\"GET / HTTP/1.1\" 200");
    } finally {
      if (nginx.isAlive()) {
        ExternalCommand.run(TOOL_TIMEOUT, work.resolve("kill9.log"), runc(work, "kill", id, "KILL"));
        nginx.waitFor(10, TimeUnit.SECONDS);
      }
      ExternalCommand.run(TOOL_TIMEOUT, work.resolve("delete.log"), runc(work, "delete", "-f", id));
    }
  }

  private static Path pullAndUnpack(String repositoryAndTag, Path work) {
    Path layout = work.resolve("oci");
    Path bundle = work.resolve("bundle");
    ExternalCommand.check(TOOL_TIMEOUT, work.resolve("skopeo.log"), List.of("skopeo", "--insecure-policy", "copy",
        "--src-tls-verify=false", "docker://" + registry.address() + "/" + repositoryAndTag, "oci:" + layout + ":latest"));
    ExternalCommand.check(TOOL_TIMEOUT, work.resolve("umoci.log"),
        List.of("umoci", "unpack", "--image", layout + ":latest", bundle.toString()));
    return bundle;
  }

  /** Host network, {@code PORT} set, Docker's capabilities and a writable root, as runtime.md §3 describes. */
  private static ObjectNode hostNetworkWithDockerCapabilities(ObjectNode config, int port) {
    ObjectNode process = config.withObject("/process");
    process.put("terminal", false);
    process.withArray("env").add("PORT=" + port);
    ObjectNode capabilities = process.withObject("/capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      capabilities.set(set, JSON.valueToTree(DOCKER_CAPABILITIES));
    }
    config.withObject("/root").put("readonly", false);
    ArrayNode namespaces = config.withObject("/linux").withArray("namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if ("network".equals(namespaces.get(i).path("type").asText())) {
        namespaces.remove(i);
      }
    }
    return config;
  }

  private static ObjectNode readConfig(Path bundle) throws IOException {
    ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
    // runc cannot allocate a terminal without a tty (runtime.md §1)
    config.withObject("/process").put("terminal", false);
    return config;
  }

  private static void writeConfig(Path bundle, ObjectNode config) throws IOException {
    JSON.writeValue(bundle.resolve("config.json").toFile(), config);
  }

  private static List<String> runc(Path work, String... args) {
    List<String> command = new ArrayList<>(List.of("runc", "--root", work.resolve("runc-state").toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static String containerId() {
    return "strata-images-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<String> awaitHttp(URI uri, Process server, Path log) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("runc exited with " + server.exitValue() + ":\n" + ExternalCommand.read(log));
      }
      try {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException notListeningYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nothing answered " + uri + " within 20 s:\n" + ExternalCommand.read(log));
  }
}
