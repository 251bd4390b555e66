package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts streamed by a real Jetty server, whole and byte for byte. */
class ArtifactsTest {
    @TempDir
    Path dir;

    @Test
    void handle_knownArtifact_streamsItWholeWithItsLength() throws Exception {
        Path jar = dir.resolve("strata.jar");
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(jar, bytes);
        Artifacts artifacts = new Artifacts(Map.of("strata.jar", jar));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                server.getThreadPool().execute(() -> artifacts.handle(request, response, callback, "strata.jar"));
                return true;
            }
        });
        server.start();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/artifacts/strata.jar")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-length")).hasValue(String.valueOf(bytes.length));
            assertThat(response.body()).isEqualTo(bytes);
        } finally {
            server.stop();
        }
    }

    @Test
    void runningJar_loadedFromAClassFolder_isEmpty() {
        assertThat(Artifacts.runningJar()).isEmpty();
    }
}
