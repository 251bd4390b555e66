package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.isolation.ContainerId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two private-network containers both listen on port 80; each is reached through its own forwarded host port. */
class PrivateNetworkTest {

    private RuncFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = RuncFixture.create();
        assumeTrue(NamespaceRelay.locateSocat().isPresent(), NamespaceRelay.MISSING_SOCAT);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Served(ContainerId id, Process run, NamespaceRelay relay, PortForwarder forwarder) {
    }

    private Served serve(String name, String content) throws Exception {
        ContainerId id = fixture.newId(name);
        Files.createDirectories(fixture.sandbox(id).resolve("www"));
        Files.writeString(fixture.sandbox(id).resolve("www/index.html"), content);
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of(), "", ""),
                new ContainerProcess.Shell("exec httpd -f -p 80 -h /mnt/mesos/sandbox/www"), NetworkMode.PRIVATE,
                64L << 20, Optional.empty());
        Process run = fixture.start(bundle, id);
        long pid = awaitRunning(id);
        NamespaceRelay relay = NamespaceRelay.start(pid, fixture.sandbox(id), List.of(80));
        PortForwarder forwarder = new PortForwarder(List.of(InetAddress.getLoopbackAddress()), 0,
                NamespaceRelay.socketPath(fixture.sandbox(id), 80));
        forwarder.start();
        return new Served(id, run, relay, forwarder);
    }

    @Test
    void forward_twoContainersOnPort80_eachReachableThroughItsHostPort() throws Exception {
        Served first = serve("web-a", "content of A\n");
        Served second = serve("web-b", "content of B\n");
        try {
            assertThat(first.forwarder().hostPort()).isNotEqualTo(second.forwarder().hostPort());
            assertThat(get(first.forwarder().hostPort())).isEqualTo("content of A\n");
            assertThat(get(second.forwarder().hostPort())).isEqualTo("content of B\n");
            assertThat(get(first.forwarder().hostPort())).as("a second connection").isEqualTo("content of A\n");

            // busybox httpd installs no SIGTERM handler, and as PID 1 it ignores it: the stop ends with SIGKILL
            fixture.runtime.stop(first.id(), OciSpec.DEFAULT_STOP_SIGNAL, Duration.ofMillis(300));
            assertThat(first.run().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            first.relay().close();
            // the relay lived in the container's pid namespace, so the kernel ended it with the container
            assertThat(first.relay().isAlive()).isFalse();
            assertThat(get(second.forwarder().hostPort())).isEqualTo("content of B\n");
        } finally {
            for (Served served : List.of(first, second)) {
                served.forwarder().close();
                served.relay().close();
            }
        }
    }

    private static String get(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private long awaitRunning(ContainerId id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ContainerState> state = fixture.runtime.state(id);
            if (state.isPresent() && state.get().status() == ContainerState.Status.RUNNING) {
                return state.get().pid();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("container " + id + " did not start: " + fixture.output(id));
    }
}
