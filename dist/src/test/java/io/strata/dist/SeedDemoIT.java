package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.dns.records.Naming;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The README's seed demo, end to end, on the fat jar as a user runs it: {@code java -jar strata-*-all.jar up} as a
 * real process (every port ephemeral, agents pulling short image names from a local registry holding nginx), then
 * the CLI from the same jar: {@code package install kubernetes --yes} (the package fetches {@code strata.jar} from
 * the router's {@code /artifacts} and runs {@code strata kubernetes} as a services app), {@code kubectl create -f
 * nginx.yml}, {@code kubectl get pods} showing {@code nginx 1/1 Running}; the router's
 * {@code /service/kubernetes/api/v1/pods} lists it; nginx answers HTTP on port 80 of the pod's network namespace;
 * {@code kubectl exec} runs a command in its container through the router;
 * DNS answers the framework's app, the pod's task and a Service. Runs in the integration-test phase (failsafe),
 * after the fat jar is built.
 */
class SeedDemoIT {
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern ROUTER = Pattern.compile("router +(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern DNS = Pattern.compile("dns +127\\.0\\.0\\.1:(\\d+) \\(UDP/TCP\\)");

    @TempDir
    Path dir;
    private Process up;
    private TestRegistry registry;

    @AfterEach
    void stop() throws InterruptedException, IOException {
        if (up != null) {
            up.destroy(); // SIGTERM: strata up stops its parts and kills the tasks
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
        Path log = dir.resolve("up.log");
        if (Files.exists(log)) {
            // kept as a test artifact: what strata up said, for a failure's diagnosis
            Files.copy(log, Files.createDirectories(Path.of("target", "seed-demo")).resolve("up.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void seedDemo_packageInstallKubernetes_nginxPodRunsAnswersHttpAndIsInDns() throws Exception {
        Path jar = Path.of(System.getProperty("strata.jar", "target/strata-dist-0.1.0-SNAPSHOT-all.jar"));
        assumeTrue(Files.isRegularFile(jar), "the fat jar is built by 'package': " + jar);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed");
        assumeTrue(TestRegistry.isInstalled() && TestImages.nginxInstalled()
                && Files.isExecutable(Path.of("/usr/sbin/runc")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "docker-registry, nginx, runc or curl missing");
        registry = TestRegistry.start();
        registry.push(TestImages.nginx(), "nginx", "latest", ImageFormat.OCI);

        Path data = dir.resolve("data");
        Path log = dir.resolve("up.log");
        up = java(jar, List.of("up", "--data-dir", data.toString(), "--zk-port", "0", "--master-port", "0",
                "--agent-port", "0", "--services-port", "0", "--jobs-port", "0", "--dns-port", "0",
                "--dns-http-port", "0", "--packages-port", "0", "--dashboard-port", "0", "--router-port", "0",
                "--agent-resources", "cpus:2;mem:4096;disk:4096;ports:[31850-31899]",
                "--default-registry", registry.address(), "--insecure-registries", registry.address()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .alias("strata up starts; its output:\n" + Processes.read(log))
                .until(() -> Processes.read(log).contains("Strata is up") || !up.isAlive());
        String upOutput = Processes.read(log);
        assertThat(up.isAlive()).as(upOutput).isTrue();
        String router = group(ROUTER, upOutput);
        int dnsPort = Integer.parseInt(group(DNS, upOutput));

        Strata strata = new Strata(jar, dir);
        strata.ok("config", "set", "cluster.url", router);

        Run install = strata.run("package", "install", "kubernetes", "--yes");
        assertThat(install.code()).as(install + "\n--- strata up\n" + Processes.read(log)).isZero();

        Path manifest = dir.resolve("nginx.yml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                  labels: {app: nginx}
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    ports:
                    - containerPort: 80
                """);
        assertThat(strata.ok("kubectl", "create", "-f", manifest.toString())).isEqualTo("pod/nginx created\n");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(strata.run("kubectl", "get", "pods").out())
                        .matches("(?s)NAME +READY +STATUS +RESTARTS +AGE\nnginx +1/1 +Running +0 +\\S+\n"));
        assertThat(strata.ok("kubectl", "get", "pods")).contains("nginx   1/1     Running");

        HttpResponse<String> pods = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(router + "/service/kubernetes/api/v1/pods")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pods.statusCode()).isEqualTo(200);
        assertThat(Json.parse(pods.body().getBytes(StandardCharsets.UTF_8), JsonNode.class)
                .findValuesAsText("name")).contains("nginx");

        // the pod answers HTTP on the agent's host port that its containerPort 80 was given (and relayed into the
        // pod's network namespace)
        JsonNode pod = Json.parse(strata.ok("kubectl", "get", "pod", "nginx", "-o", "json")
                .getBytes(StandardCharsets.UTF_8), JsonNode.class);
        JsonNode hostPorts = Json.parse(pod.path("metadata").path("annotations").path("k8s.mesosphere.io/host-ports")
                .asText("{}").getBytes(StandardCharsets.UTF_8), JsonNode.class);
        String podUrl = "http://" + pod.path("status").path("hostIP").asText() + ":" + hostPorts.path("80").asInt();
        assertThat(hostPorts.path("80").asInt()).as(pod.toString()).isPositive();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(command("curl", "-s", "-m", "5", podUrl)).contains("Welcome to nginx!"));

        // kubectl exec through the router's /service/kubernetes: the WebSocket upgrade passes the router, the
        // framework relays it to the pod's agent, which runs the command in the pod's container
        assertThat(strata.ok("kubectl", "exec", "nginx", "--", "sh", "-c", "echo exec-$((6*7))"))
                .isEqualTo("exec-42\n");

        // DNS: the framework's app (Mesos-DNS names it <app>.marathon.mesos), the pod's task under the framework
        // 'kubernetes', and a Service's cluster.local name from the Kubernetes watch through the router
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(dnsPort);
        resolver.setTimeout(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(lookupA(resolver, "kubernetes.marathon.mesos.")).contains("127.0.0.1"));
        JsonNode tasks = Json.parse(strata.ok("task", "list", "--json").getBytes(StandardCharsets.UTF_8),
                JsonNode.class);
        String podTask = tasks.findValuesAsText("name").stream().filter(n -> n.endsWith("__nginx__nginx")
                || n.matches("k8s__default__nginx__\\d+__nginx")).findFirst()
                .orElseThrow(() -> new AssertionError("no task of pod nginx in " + tasks));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(lookupA(resolver, Naming.label(podTask) + ".kubernetes.mesos.")).contains("127.0.0.1"));

        strata.ok("kubectl", "create", "service", "clusterip", "nginx", "--tcp=80:80");
        String clusterIp = strata.ok("kubectl", "get", "service", "nginx", "-o", "jsonpath={.spec.clusterIP}").strip();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lookupA(resolver, "nginx.default.svc.cluster.local.")).containsExactly(clusterIp));
        // and the framework's service proxy forwards the ClusterIP to the pod
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(command("curl", "-s", "-m", "5", "http://" + clusterIp + "/")).contains("Welcome to nginx!"));
    }

    private static List<String> lookupA(SimpleResolver resolver, String name) throws IOException {
        Lookup lookup = new Lookup(name, Type.A);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] answers = lookup.run();
        assertThat(answers).as(name + ": " + lookup.getErrorString()).isNotNull();
        List<String> out = new ArrayList<>();
        for (Record r : answers) {
            out.add(((ARecord) r).getAddress().getHostAddress());
        }
        return out;
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in\n" + text).isTrue();
        return m.group(1);
    }

    private static String command(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static ProcessBuilder java(Path jar, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** One CLI command's outcome. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The CLI from the fat jar, with its own settings file and kubeconfig under the test's directory. */
    private record Strata(Path jar, Path home) {
        Run run(String... args) throws IOException, InterruptedException {
            ProcessBuilder b = java(jar, List.of(args));
            b.environment().put("STRATA_CONFIG", home.resolve("config.json").toString());
            b.environment().put("HOME", home.toString());
            Path out = Files.createTempFile(home, "cli", ".out");
            Path err = Files.createTempFile(home, "cli", ".err");
            Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("strata " + String.join(" ", args) + " did not finish in " + CLI_TIMEOUT);
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        }

        String ok(String... args) throws IOException, InterruptedException {
            Run r = run(args);
            assertThat(r.code()).as("strata " + String.join(" ", args) + "\n" + r).isZero();
            return r.out();
        }
    }
}
