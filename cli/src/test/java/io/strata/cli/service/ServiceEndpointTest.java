package io.strata.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.strata.api.json.Json;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEndpointTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void messages_marathonError_listsMessageThenEachDetail() throws Exception {
        var body = Json.mesos().readTree("{\"message\":\"Object is not valid\",\"details\":[{\"path\":\"/cpus\","
                + "\"errors\":[\"error.min\"]},{\"path\":\"/id\",\"errors\":[\"must be absolute\",\"bad\"]}]}");

        assertThat(ServiceEndpoint.messages(body, "")).containsExactly("Object is not valid", "/cpus: error.min",
                "/id: must be absolute", "/id: bad");
    }

    @Test
    void messages_plainTextError_isTheText() {
        assertThat(ServiceEndpoint.messages(MissingNode.getInstance(), " job 'x' not found\n"))
                .containsExactly("job 'x' not found");
    }

    @Test
    void send_nothingListening_failsAsUnreachableNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }
        ServiceEndpoint api = new ServiceEndpoint("services", URI.create("http://127.0.0.1:" + port));

        assertThatThrownBy(() -> api.get("/v2/apps")).isInstanceOf(CliFailure.class)
                .hasMessageContaining("cannot reach the services API at http://127.0.0.1:" + port)
                .extracting(e -> ((CliFailure) e).exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void resolve_flagThenEnvThenDefault_bareHostGetsScheme() {
        assertThat(ServiceOptions.resolve("h:1", Map.of("V", "http://e:2"), "V", "/p", "http://d:3"))
                .isEqualTo(URI.create("http://h:1"));
        assertThat(ServiceOptions.resolve(null, Map.of("V", "http://e:2"), "V", "/p", "http://d:3"))
                .isEqualTo(URI.create("http://e:2"));
        Map<String, String> noConfig = Map.of("STRATA_CONFIG", tmp.resolve("absent.json").toString());
        assertThat(ServiceOptions.resolve(null, noConfig, "V", "/p", "http://d:3")).isEqualTo(URI.create("http://d:3"));
    }

    @Test
    void resolve_clusterUrlConfigured_goesThroughTheRouterPrefix() {
        Map<String, String> env = Map.of("STRATA_CONFIG", tmp.resolve("config.json").toString());
        io.strata.cli.config.CliConfigStore.save(env,
                io.strata.cli.config.CliConfig.empty().with("cluster.url", "http://127.0.0.1:7070/"));

        assertThat(ServiceOptions.resolve(null, env, "V", "/marathon", "http://d:3"))
                .isEqualTo(URI.create("http://127.0.0.1:7070/marathon"));
    }
}
