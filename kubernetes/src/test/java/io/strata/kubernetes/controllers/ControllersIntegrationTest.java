package io.strata.kubernetes.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controllers against the real API server on a real ZooKeeper, driven by the real kubectl. There is no pod
 * runtime here: a test "kubelet" thread marks new pods Running and Ready with a loopback IP through the status
 * subresource (Job pods are finished by the tests themselves).
 */
class ControllersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestingServer zk;
    private static KubernetesFramework framework;
    private static Kubectl kubectl;
    private static Types types;
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());
    private static final AtomicBoolean RUNNING = new AtomicBoolean(true);
    private static final AtomicInteger IPS = new AtomicInteger(1);
    private static Thread kubelet;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        assumeTrue(Kubectl.available(), "controller kubectl tests skipped: /usr/bin/kubectl is not installed");
        zk = new TestingServer(true);
        InstantSource clock = () -> NOW.get();
        framework = KubernetesFramework.start(KubernetesConfig.of(zk.getConnectString() + "/strata", "", 0),
                clock, new ControllerSettings(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        kubectl = new Kubectl(framework.url(), dir);
        types = Types.of(framework.resources().catalog());
        kubelet = Thread.ofVirtual().start(ControllersIntegrationTest::fakeKubelet);
    }

    @AfterAll
    static void stop() throws Exception {
        RUNNING.set(false);
        if (framework != null) {
            framework.close();
            zk.close();
        }
    }

    /** Marks pending pods that are not Job pods and not bound to a node Running and Ready. */
    private static void fakeKubelet() {
        ResourceService rs = framework.resources();
        while (RUNNING.get()) {
            List<JsonNode> pending = new ArrayList<>();
            rs.store().scan(types.pods().storeKey(), null, p -> {
                if (!p.path("status").has("podIP") && !p.path("metadata").path("labels").has("job-name")
                        && !p.path("spec").has("nodeName") && !p.path("metadata").has("deletionTimestamp")) {
                    pending.add(p);
                }
            });
            for (JsonNode p : pending) {
                try {
                    setStatus(p.path("metadata").path("namespace").asText(), p.path("metadata").path("name").asText(),
                            "Running", true);
                } catch (ApiError e) {
                    // changed or gone meanwhile: the next round sees it again
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void setStatus(String ns, String name, String phase, boolean ready) {
        ResourceService rs = framework.resources();
        ObjectNode pod = rs.get(types.pods(), ns, name);
        ObjectNode status = pod.putObject("status");
        status.put("phase", phase).put("podIP", "127.0.1." + IPS.getAndIncrement() % 250);
        ObjectNode c = status.putArray("conditions").addObject();
        c.put("type", "Ready").put("status", ready ? "True" : "False")
                .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        rs.update(types.pods(), ns, name, "status", pod, RequestOptions.of("test-kubelet"));
    }

    private static List<JsonNode> list(ResourceType type, String ns, java.util.function.Predicate<JsonNode> filter) {
        List<JsonNode> out = new ArrayList<>();
        framework.resources().store().scan(type.storeKey(), ns, o -> {
            if (filter.test(o)) {
                out.add(o.deepCopy());
            }
        });
        return out;
    }

    private static List<JsonNode> activePods(String app) {
        return list(types.pods(), "default", p -> p.path("metadata").path("labels").path("app").asText().equals(app)
                && PodState.active(p));
    }

    private static String ok(String... args) throws Exception {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exit()).as("kubectl %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    /** Waits until the rollout is complete and the Deployment stops changing (no status churn). */
    private static void awaitSettled(String name) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode d = framework.resources().get(types.deployments(), "default", name);
            String rv = d.path("metadata").path("resourceVersion").asText();
            Thread.sleep(1500);
            assertThat(framework.resources().get(types.deployments(), "default", name)
                    .path("metadata").path("resourceVersion").asText()).isEqualTo(rv);
        });
    }

    @Test
    void deployment_rolloutScaleUndoDelete_asKubectlExpects() throws Exception {
        assertThat(ok("create", "deployment", "web", "--image=nginx", "--replicas=3"))
                .isEqualTo("deployment.apps/web created\n");
        assertThat(ok("rollout", "status", "deployment/web", "--timeout=90s"))
                .endsWith("deployment \"web\" successfully rolled out\n");
        assertThat(activePods("web")).hasSize(3);
        JsonNode rs1 = list(types.replicaSets(), "default", r -> true).stream()
                .filter(r -> r.path("metadata").path("name").asText().startsWith("web-")).findFirst().orElseThrow();
        assertThat(rs1.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText())
                .isEqualTo("1");
        assertThat(rs1.path("metadata").path("name").asText())
                .isEqualTo("web-" + rs1.path("metadata").path("labels").path("pod-template-hash").asText());

        ok("set", "image", "deployment/web", "nginx=nginx:1.27");
        assertThat(ok("rollout", "status", "deployment/web", "--timeout=90s"))
                .endsWith("deployment \"web\" successfully rolled out\n");
        await().atMost(WAIT).untilAsserted(() -> assertThat(activePods("web")).hasSize(3)
                .allSatisfy(p -> assertThat(p.path("spec").path("containers").get(0).path("image").asText())
                        .isEqualTo("nginx:1.27")));
        assertThat(ok("get", "deployment", "web", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"))
                .isEqualTo("2");

        awaitSettled("web");
        assertThat(ok("rollout", "undo", "deployment/web")).isEqualTo("deployment.apps/web rolled back\n");
        assertThat(ok("rollout", "status", "deployment/web", "--timeout=90s"))
                .endsWith("deployment \"web\" successfully rolled out\n");
        await().atMost(WAIT).untilAsserted(() -> assertThat(activePods("web")).hasSize(3)
                .allSatisfy(p -> assertThat(p.path("spec").path("containers").get(0).path("image").asText())
                        .isEqualTo("nginx")));
        assertThat(ok("get", "deployment", "web", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"))
                .isEqualTo("3");
        assertThat(list(types.replicaSets(), "default",
                r -> r.path("metadata").path("name").asText().startsWith("web-"))).hasSize(2);
        assertThat(ok("get", "deployment", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}"))
                .isEqualTo("NewReplicaSetAvailable");

        assertThat(ok("scale", "deployment", "web", "--replicas=5")).isEqualTo("deployment.apps/web scaled\n");
        assertThat(ok("rollout", "status", "deployment/web", "--timeout=90s"))
                .endsWith("deployment \"web\" successfully rolled out\n");
        assertThat(activePods("web")).hasSize(5);
        ok("scale", "deployment", "web", "--replicas=2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(activePods("web")).hasSize(2));

        ok("delete", "deployment", "web");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(list(types.replicaSets(), "default",
                    r -> r.path("metadata").path("name").asText().startsWith("web-"))).isEmpty();
            assertThat(list(types.pods(), "default",
                    p -> p.path("metadata").path("labels").path("app").asText().equals("web"))).isEmpty();
        });
    }

    @Test
    void rolloutPause_resume_holdsAndThenRollsOut() throws Exception {
        ok("create", "deployment", "paused", "--image=nginx", "--replicas=2");
        ok("rollout", "status", "deployment/paused", "--timeout=90s");
        assertThat(ok("rollout", "pause", "deployment/paused")).isEqualTo("deployment.apps/paused paused\n");
        ok("set", "image", "deployment/paused", "nginx=nginx:2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ok("get", "deployment", "paused", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}")).isEqualTo("DeploymentPaused"));
        assertThat(activePods("paused")).allSatisfy(p -> assertThat(
                p.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("nginx"));
        assertThat(ok("rollout", "resume", "deployment/paused")).isEqualTo("deployment.apps/paused resumed\n");
        assertThat(ok("rollout", "status", "deployment/paused", "--timeout=90s"))
                .endsWith("deployment \"paused\" successfully rolled out\n");
        await().atMost(WAIT).untilAsserted(() -> assertThat(activePods("paused")).hasSize(2).allSatisfy(p -> assertThat(
                p.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("nginx:2")));
    }

    @Test
    void service_endpointsAndSlices_listReadyPodIps() throws Exception {
        ok("create", "deployment", "api", "--image=nginx", "--replicas=2");
        ok("create", "service", "clusterip", "api", "--tcp=80:8080");
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> ips = activePods("api").stream().map(p -> p.path("status").path("podIP").asText()).toList();
            assertThat(ips).hasSize(2).doesNotContain("");
            String out = ok("get", "endpoints", "api", "-o", "jsonpath={.subsets[0].addresses[*].ip}");
            assertThat(out.split(" ")).containsExactlyInAnyOrderElementsOf(ips);
            assertThat(ok("get", "endpoints", "api", "-o", "jsonpath={.subsets[0].ports[0].port}")).isEqualTo("8080");
            assertThat(ok("get", "endpointslices", "-l", "kubernetes.io/service-name=api", "-o",
                    "jsonpath={.items[0].endpoints[*].addresses[0]}").split(" ")).containsExactlyInAnyOrderElementsOf(ips);
        });
        JsonNode pod = activePods("api").get(0);
        setStatus("default", pod.path("metadata").path("name").asText(), "Running", false);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode ep = framework.resources().get(types.endpoints(), "default", "api");
            assertThat(ep.path("subsets").get(0).path("addresses")).hasSize(1);
            assertThat(ep.path("subsets").get(0).path("notReadyAddresses")).hasSize(1);
            assertThat(ep.path("subsets").get(0).path("notReadyAddresses").get(0).path("targetRef").path("name")
                    .asText()).isEqualTo(pod.path("metadata").path("name").asText());
        });
        ok("delete", "service", "api");
        await().atMost(WAIT).untilAsserted(() -> assertThat(kubectl.run("get", "endpoints", "api").exit()).isOne());
    }

    @Test
    void job_podsSucceed_jobComplete() throws Exception {
        ok("create", "job", "pi", "--image=busybox");
        await().atMost(WAIT).untilAsserted(() -> assertThat(list(types.pods(), "default",
                p -> p.path("metadata").path("labels").path("job-name").asText().equals("pi"))).hasSize(1));
        JsonNode pod = list(types.pods(), "default",
                p -> p.path("metadata").path("labels").path("job-name").asText().equals("pi")).get(0);
        assertThat(pod.path("metadata").path("labels").path("batch.kubernetes.io/controller-uid").asText()).isNotEmpty();
        assertThat(pod.path("metadata").path("name").asText()).startsWith("pi-");
        setStatus("default", pod.path("metadata").path("name").asText(), "Succeeded", false);
        Kubectl.Result wait = kubectl.run("wait", "--for=condition=complete", "job/pi", "--timeout=60s");
        assertThat(wait.out()).isEqualTo("job.batch/pi condition met\n");
        JsonNode job = framework.resources().get(types.jobs(), "default", "pi");
        assertThat(job.path("status").path("succeeded").asInt()).isEqualTo(1);
        assertThat(job.path("status").has("completionTime")).isTrue();
        assertThat(job.path("status").has("startTime")).isTrue();
    }

    @Test
    void job_failuresBeyondBackoffLimit_failed() throws Exception {
        Path f = kubectl.file("fail.yml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: flaky
                spec:
                  backoffLimit: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: c
                        image: busybox
                """);
        ok("create", "-f", f.toString());
        for (int round = 1; round <= 2; round++) {
            int r = round;
            await().atMost(WAIT).untilAsserted(() -> assertThat(list(types.pods(), "default",
                    p -> p.path("metadata").path("labels").path("job-name").asText().equals("flaky")
                            && PodState.active(p))).as("pods of %s", framework.resources()
                            .get(types.jobs(), "default", "flaky")).hasSize(1));
            JsonNode pod = list(types.pods(), "default", p -> p.path("metadata").path("labels").path("job-name")
                    .asText().equals("flaky") && PodState.active(p)).get(0);
            setStatus("default", pod.path("metadata").path("name").asText(), "Failed", false);
            await().atMost(WAIT).untilAsserted(() -> assertThat(framework.resources()
                    .get(types.jobs(), "default", "flaky").path("status").path("failed").asInt()).isEqualTo(r));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(ok("get", "job", "flaky", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason}")).isEqualTo("BackoffLimitExceeded"));
    }

    @Test
    void cronJob_clockPassesSchedule_createsJobNamedByMinute() throws Exception {
        ok("create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *");
        Instant created = Instant.parse(framework.resources().get(types.cronJobs(), "default", "tick")
                .path("metadata").path("creationTimestamp").asText());
        long minutes = created.getEpochSecond() / 60;
        Instant due = Instant.ofEpochSecond((minutes / 5 + 1) * 5 * 60);
        NOW.set(due.plusSeconds(10));
        String name = "tick-" + due.getEpochSecond() / 60;
        await().atMost(WAIT).untilAsserted(() -> assertThat(kubectl.run("get", "job", name).exit()).isZero());
        JsonNode cj = framework.resources().get(types.cronJobs(), "default", "tick");
        assertThat(cj.path("status").path("lastScheduleTime").asText()).isEqualTo(due.toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(framework.resources()
                .get(types.cronJobs(), "default", "tick").path("status").path("active")).hasSize(1));
    }

    @Test
    void node_notReadyBeyondTimeout_podsEvicted() throws Exception {
        ResourceService rs = framework.resources();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", "v1").put("kind", "Node").putObject("metadata").put("name", "dead-node");
        rs.create(types.nodes(), "", node, RequestOptions.of("test"));
        ObjectNode pod = JsonNodeFactory.instance.objectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod").putObject("metadata").put("name", "stranded");
        ObjectNode spec = pod.putObject("spec").put("nodeName", "dead-node");
        spec.putArray("containers").addObject().put("name", "c").put("image", "busybox");
        rs.create(types.pods(), "default", pod, RequestOptions.of("test"));
        ObjectNode current = rs.get(types.nodes(), "", "dead-node");
        ObjectNode ready = current.putObject("status").putArray("conditions").addObject();
        ready.put("type", "Ready").put("status", "Unknown").put("reason", "NodeStatusUnknown")
                .put("lastTransitionTime", NOW.get().minusSeconds(10).truncatedTo(ChronoUnit.SECONDS).toString());
        rs.update(types.nodes(), "", "dead-node", "status", current, RequestOptions.of("test"));
        Thread.sleep(1500);
        assertThat(rs.store().get(ResourceService.key(types.pods(), "default", "stranded"))).isPresent();
        NOW.set(NOW.get().plusSeconds(60));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                rs.store().get(ResourceService.key(types.pods(), "default", "stranded"))).isEmpty());
    }
}
