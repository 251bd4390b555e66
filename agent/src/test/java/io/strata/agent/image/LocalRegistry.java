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

    private Process process;
    final String address;
    private final Path directory;

    private LocalRegistry(Process process, String address, Path directory) {
        this.process = process;
        this.address = address;
        this.directory = directory;
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
        LocalRegistry registry = new LocalRegistry(serve(directory, address, ""), address, directory);
        registry.awaitReady();
        return registry;
    }

    private static Process serve(Path directory, String address, String auth) throws IOException {
        Path config = directory.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog: { level: error, accesslog: { disabled: true } }\n"
                + "storage: { filesystem: { rootdirectory: " + directory.resolve("data") + " }, delete: { enabled: true } }\n"
                + "http: { addr: " + address + " }\n" + auth);
        return new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
    }

    /**
     * Restarts the registry on the same address and storage with htpasswd basic auth: from then on every request
     * needs {@code user} and the password whose bcrypt hash is {@code bcryptHash}.
     */
    void restartWithBasicAuth(String user, String bcryptHash) throws IOException, InterruptedException {
        close();
        Path htpasswd = directory.resolve("htpasswd");
        Files.writeString(htpasswd, user + ":" + bcryptHash + "\n");
        process = serve(directory, address, "auth: { htpasswd: { realm: strata-test, path: " + htpasswd + " } }\n");
        awaitReady();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
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

    /**
     * Restarts the registry on the same address and storage with token auth: clients are sent to {@code realm} for
     * a JWT that must be signed by the key of {@code certificate} (PEM), for {@code service} from {@code issuer}.
     */
    void restartWithTokenAuth(String realm, String service, String issuer, Path certificate)
            throws IOException, InterruptedException {
        close();
        process = serve(directory, address, "auth: { token: { realm: \"" + realm + "\", service: " + service
                + ", issuer: " + issuer + ", rootcertbundle: " + certificate + " } }\n");
        awaitReady();
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
