package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.cli.config.CliConfig;
import io.strata.cli.config.CliConfigStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@code strata up --with kubernetes} used as the seed demo does, minus the image: {@code strata kubectl} (the real
 * kubectl, through the admin router's {@code /service/kubernetes}) creates a pod, the framework places it on the
 * agent as a task group, {@code kubectl get pods} shows it Running, its log is readable, the router serves the
 * pod list, and DNS answers a Service's name. The pod runs its command on the host ({@code k8s.mesosphere.io/runtime: host}): the image path is
 * covered by the kubernetes module's ImagePodsKubectlTest with a real registry.
 */
class KubernetesStackEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ClusterStack stack;
    static Map<String, String> env;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed at /usr/bin/kubectl");
        cluster = TestClusters.singleAgent(dir.resolve("cluster"));
        stack = ClusterStack.start(cluster.zkConnectString(), ClusterStack.Settings.forTests(true), line -> { });
        env = Map.of("STRATA_CONFIG", dir.resolve("config.json").toString(), "HOME", dir.toString());
        CliConfigStore.save(env, CliConfig.empty().with(CliConfig.CLUSTER_URL, stack.router().url()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        TestClusters.close(cluster);
    }

    @Test
    void kubectlCreate_throughTheRouter_podRunsOnTheAgentWithItsLog() throws Exception {
        Path manifest = dir.resolve("hello.yml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: hello
                  labels: {app: hello}
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  containers:
                  - name: hello
                    image: busybox
                    command: ["sh", "-c", "echo hello from a pod; exec socat TCP-LISTEN:8080,reuseaddr,fork SYSTEM:'echo hello through the service'"]
                    ports:
                    - containerPort: 8080
                    resources:
                      requests: {cpu: 100m, memory: 32Mi}
                """);

        Cli.Run create = Cli.strata(env, "kubectl", "create", "-f", manifest.toString());

        assertThat(create.code()).as(create.toString()).isZero();
        assertThat(create.out()).isEqualTo("pod/hello created\n");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(Cli.strata(env, "kubectl", "get", "pods").out())
                        .matches("(?s)NAME +READY +STATUS +RESTARTS +AGE\nhello +1/1 +Running +0 +\\S+\n"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Cli.strata(env, "kubectl", "logs", "hello").out()).contains("hello from a pod"));
        HttpResponse<String> pods = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.router().url() + "/service/kubernetes/api/v1/pods")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pods.statusCode()).isEqualTo(200);
        assertThat(pods.body()).contains("\"name\":\"hello\"");
        assertThat(Cli.strata(env, "framework", "list").out()).contains("kubernetes");

        // a Service gets a ClusterIP, and DNS answers its name from the Kubernetes watch
        Cli.Run service = Cli.strata(env, "kubectl", "create", "service", "clusterip", "hello", "--tcp=80:8080");
        assertThat(service.code()).as(service.toString()).isZero();
        String clusterIp = Cli.strata(env, "kubectl", "get", "service", "hello", "-o", "jsonpath={.spec.clusterIP}")
                .out().strip();
        assertThat(clusterIp).startsWith("127.");
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(stack.dns().dnsPort());
        resolver.setTimeout(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Lookup lookup = new Lookup("hello.default.svc.cluster.local.", Type.A);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            Record[] answers = lookup.run();
            assertThat(answers).as(lookup.getErrorString()).isNotNull().hasSize(1);
            assertThat(((ARecord) answers[0]).getAddress().getHostAddress()).isEqualTo(clusterIp);
        });
        // and the service proxy forwards ClusterIP:80 to the pod's port 8080
        await("ClusterIP answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(ask(clusterIp, 80)).contains("hello through the service"));

        Cli.Run delete = Cli.strata(env, "kubectl", "delete", "pod", "hello", "--wait=true", "--timeout=60s");
        assertThat(delete.code()).as(delete.toString()).isZero();
        assertThat(delete.out()).contains("pod \"hello\" deleted");
    }

    private static String ask(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
