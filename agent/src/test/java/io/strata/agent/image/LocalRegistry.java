package io.strata.agent.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 with filesystem storage in a temp dir. */
final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    final String address;

    private LocalRegistry(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Starts a registry, or skips the test when the binary is missing. */
    static LocalRegistry start(Path directory) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "docker-registry is not installed (apt-get install docker-registry; "
                + "bin/test installs it)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        Path config = directory.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog: { level: error, accesslog: { disabled: true } }\n"
                + "storage: { filesystem: { rootdirectory: " + directory.resolve("data") + " }, delete: { enabled: true } }\n"
                + "http: { addr: " + address + " }\n");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, address);
        registry.awaitReady();
        return registry;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("docker-registry did not start on " + address);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
