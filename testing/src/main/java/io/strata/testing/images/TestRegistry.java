package io.strata.testing.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A real Docker distribution registry ({@code docker-registry serve}, Debian package {@code docker-registry}) on
 * 127.0.0.1 and a free port, storing into a fresh temporary directory, with deletes enabled and no authentication.
 * Images are pushed through the registry HTTP API v2 (monolithic blob uploads, manifest PUTs), exactly as a client
 * would, so pullers under test see what a real registry serves.
 *
 * <p>Lifecycle: {@link #start()} returns once {@code GET /v2/} answers 200; {@link #close()} stops the process and
 * deletes the storage (idempotent). The push methods are thread-safe. A JVM shutdown hook stops the process if a
 * test forgets to close it.
 */
public final class TestRegistry implements AutoCloseable {
  /** Where Debian installs the registry binary. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path directory;
  private final int port;
  private final HttpClient http;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestRegistry(Process process, Path directory, int port, HttpClient http) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.http = http;
    this.shutdownHook = new Thread(process::destroyForcibly, "test-registry-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Whether the registry binary is installed (tests assume this; {@code bin/test} installs it as root). */
  public static boolean isInstalled() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Starts a registry and waits until it serves {@code /v2/}.
   *
   * @throws IllegalStateException if the binary is missing or the registry does not come up (the message holds its
   *     log)
   */
  public static TestRegistry start() {
    if (!isInstalled()) {
      throw new IllegalStateException(BINARY + " is missing: apt-get install docker-registry");
    }
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOnce(http);
      } catch (IllegalStateException e) {
        // most likely another process took the free port between probe and bind: try another one
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  private static TestRegistry startOnce(HttpClient http) {
    Path directory = null;
    Process process = null;
    try {
      directory = Files.createTempDirectory("strata-registry-");
      int port = freePort();
      Path config = writeConfig(directory, port);
      process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(directory.resolve("registry.log").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      TestRegistry registry = new TestRegistry(process, directory, port, http);
      try {
        registry.awaitReady();
        return registry;
      } catch (IllegalStateException e) {
        registry.close();
        throw e;
      }
    } catch (IOException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      deleteTree(directory);
      throw new IllegalStateException("cannot start " + BINARY, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Path writeConfig(Path directory, int port) throws IOException {
    Path data = Files.createDirectories(directory.resolve("data"));
    // never the packaged /etc/docker/registry/config.yml: it enables htpasswd auth and listens on every address
    String yaml = """
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
        """.formatted(data, port);
    return Files.writeString(directory.resolve("config.yml"), yaml);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<Void> response = http.send(request("/v2/").timeout(Duration.ofSeconds(1)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep polling until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for docker-registry", e);
      }
      sleep(Duration.ofMillis(25));
    }
    throw new IllegalStateException("docker-registry did not answer GET /v2/ within " + STARTUP_TIMEOUT + ":\n" + log());
  }

  /** {@code "127.0.0.1:PORT"}: the registry part of image references. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create("http://" + address());
  }

  /** The registry's filesystem storage root ({@code docker/registry/v2/...} below it). */
  public Path storageDirectory() {
    return directory.resolve("data");
  }

  /** The registry's log so far (for failure messages). */
  public String log() {
    try {
      return Files.readString(directory.resolve("registry.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Pushes the image's blobs (skipping those already present) and its manifest in {@code format} under {@code tag}.
   *
   * @param tag a tag, or a digest ({@code sha256:...}) to push the manifest by digest only
   * @return the manifest digest, as the registry reported it in {@code Docker-Content-Digest}
   */
  public String push(OciImage image, String repository, String tag, ImageFormat format) {
    pushBlob(repository, image.config(format));
    for (Layer layer : image.layers()) {
      pushBlob(repository, layer.blob());
    }
    return putManifest(repository, tag, image.manifest(format));
  }

  /** Pushes every image of {@code index} by digest, then the index under {@code tag}; returns the index digest. */
  public String pushIndex(ImageIndex index, String repository, String tag) {
    for (OciImage image : index.images()) {
      push(image, repository, image.manifest(index.format()).digest(), index.format());
    }
    return putManifest(repository, tag, index.blob());
  }

  /** Builds an index of {@code images} in {@code format} and pushes it, see {@link #pushIndex(ImageIndex, String, String)}. */
  public String pushIndex(String repository, String tag, ImageFormat format, List<OciImage> images) {
    return pushIndex(ImageIndex.of(format, images), repository, tag);
  }

  /** Uploads one blob in a single PUT unless the repository already has it. */
  public void pushBlob(String repository, Blob blob) {
    if (hasBlob(repository, blob.digest())) {
      return;
    }
    HttpResponse<String> started = send(request("/v2/" + repository + "/blobs/uploads/")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    String location = started.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("upload started without a Location header"));
    String separator = location.contains("?") ? "&" : "?";
    URI upload = baseUri().resolve(location + separator + "digest=" + blob.digest());
    send(HttpRequest.newBuilder(upload)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.contentView())).build(), 201);
  }

  /** Whether {@code HEAD /v2/<repository>/blobs/<digest>} answers 200. */
  public boolean hasBlob(String repository, String digest) {
    HttpResponse<String> response = send(request("/v2/" + repository + "/blobs/" + digest)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), 200, 404);
    return response.statusCode() == 200;
  }

  /**
   * PUTs a manifest or index with its media type as Content-Type.
   *
   * @return the digest the registry computed
   * @throws IllegalStateException if the registry refuses it or reports another digest than {@code manifest}'s
   */
  public String putManifest(String repository, String reference, Blob manifest) {
    HttpResponse<String> response = send(request("/v2/" + repository + "/manifests/" + reference)
        .header("Content-Type", manifest.mediaType())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.contentView())).build(), 201);
    String digest = response.headers().firstValue("Docker-Content-Digest").orElse("");
    if (!digest.equals(manifest.digest())) {
      throw new IllegalStateException("registry digest " + digest + " differs from " + manifest.digest());
    }
    return digest;
  }

  /** Deletes a manifest by digest (its tags go with it); blobs stay until a garbage collection. */
  public void deleteManifest(String repository, String digest) {
    send(request("/v2/" + repository + "/manifests/" + digest).DELETE().build(), 202);
  }

  /**
   * Corrupts a stored blob in place: one byte in the middle is inverted, the size stays, and the registry keeps
   * serving it under the old digest, so a puller must notice the sha256 mismatch.
   *
   * @throws IllegalArgumentException if the registry stores no such blob
   */
  public void corruptBlob(String digest) {
    String hex = digest.substring(digest.indexOf(':') + 1);
    Path data = storageDirectory().resolve("docker/registry/v2/blobs/sha256")
        .resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    if (!digest.startsWith("sha256:") || !Files.isRegularFile(data)) {
      throw new IllegalArgumentException("no stored blob " + digest);
    }
    try {
      byte[] bytes = Files.readAllBytes(data);
      bytes[bytes.length / 2] ^= (byte) 0xff;
      Files.write(data, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupting " + data, e);
    }
  }

  /** Stops the registry (SIGTERM, then SIGKILL after 5 s) and deletes its storage. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run: nothing to remove
    }
    deleteTree(directory);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(HttpRequest request, int... expected) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      for (int status : expected) {
        if (response.statusCode() == status) {
          return response;
        }
      }
      throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode() + ": "
          + response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + root, e);
    }
  }
}
