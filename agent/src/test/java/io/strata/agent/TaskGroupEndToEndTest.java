package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Task groups end to end: a real master, a real agent with real cgroups and namespaces, a real framework sending
 * LAUNCH_GROUP over the scheduler API, real processes.
 */
class TaskGroupEndToEndTest extends GroupClusterTest {
    /** The port servers listen on inside their group's namespace; the host's loopback never has it. */
    private static final int PORT = 18080;

    /** A server answering every connection on 127.0.0.1:PORT with {@code reply}. */
    private static String server(String reply) {
        return "exec socat TCP-LISTEN:" + PORT + ",bind=127.0.0.1,reuseaddr,fork SYSTEM:'echo " + reply + "'";
    }

    /** A client that succeeds once 127.0.0.1:PORT answered {@code expected} (retrying while the server starts). */
    private static String client(String expected) {
        return "for i in $(seq 1 150); do socat -u TCP:127.0.0.1:" + PORT + " - > reply 2>/dev/null"
                + " && grep -q " + expected + " reply && exit 0; sleep 0.2; done; exit 1";
    }

    @Test
    void launchGroup_tasksShareTheGroupsNetwork_clientReachesServerOnLocalhost() throws IOException {
        framework.launch("pod-share", GroupFramework.task("share-server", server("hello-share")),
                GroupFramework.task("share-client", client("hello-share")));

        TaskStatus running = framework.awaitState("share-server", TaskState.TASK_RUNNING);
        framework.awaitState("share-client", TaskState.TASK_FINISHED);
        assertThat(running.executorId().value()).isEqualTo("pod-share");
        assertThat(framework.states("share-server")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
        // the server listens in the group's namespace, not on the host
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
            }
        }).isInstanceOf(IOException.class);
        // Mesos' layout: executors/<eid>/runs/<cid>/tasks/<tid>
        try (Stream<Path> files = Files.walk(cluster.workDir().resolve("slaves"))) {
            assertThat(files.map(p -> cluster.workDir().relativize(p).toString()))
                    .anyMatch(p -> p.matches("slaves/[^/]+/frameworks/[^/]+/executors/pod-share/runs/[^/]+/tasks/"
                            + "share-client/stdout"));
        }
        JsonNode fw = masterState().path("frameworks").get(0);
        assertThat(fw.path("executors")).anyMatch(e -> e.path("executor_id").asText().equals("pod-share"));
        JsonNode agentState = get(cluster.agent().url() + "/state");
        JsonNode executor = agentState.path("frameworks").get(0).path("executors").get(0);
        assertThat(executor.path("id").asText()).isEqualTo("pod-share");
        assertThat(executor.path("tasks")).extracting(t -> t.path("id").asText()).contains("share-server");

        framework.kill("share-server");
        framework.awaitState("share-server", TaskState.TASK_KILLED);
        Awaitility.await("executor gone").atMost(Duration.ofSeconds(30)).until(() -> masterState()
                .path("frameworks").get(0).path("executors").isEmpty());
    }

    @Test
    void launchGroup_twoGroupsListeningOnTheSamePort_runSideBySide() {
        framework.launch("pod-a", GroupFramework.task("a-server", server("from-a")),
                GroupFramework.task("a-client", client("from-a")));
        framework.launch("pod-b", GroupFramework.task("b-server", server("from-b")),
                GroupFramework.task("b-client", client("from-b")));

        framework.awaitState("a-client", TaskState.TASK_FINISHED);
        framework.awaitState("b-client", TaskState.TASK_FINISHED);
        assertThat(framework.latest("a-server").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(framework.latest("b-server").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);

        framework.kill("a-server");
        framework.kill("b-server");
        framework.awaitState("a-server", TaskState.TASK_KILLED);
        framework.awaitState("b-server", TaskState.TASK_KILLED);
    }

    @Test
    void kill_oneTaskOfAGroup_killsTheWholeGroupAndReleasesIt() {
        framework.launch("pod-kill", GroupFramework.task("kill-a", "sleep 600"),
                GroupFramework.task("kill-b", "sleep 600"));
        framework.awaitState("kill-a", TaskState.TASK_RUNNING);
        framework.awaitState("kill-b", TaskState.TASK_RUNNING);

        framework.kill("kill-a");

        framework.awaitState("kill-a", TaskState.TASK_KILLED);
        framework.awaitState("kill-b", TaskState.TASK_KILLED);
        Awaitility.await("executor gone").atMost(Duration.ofSeconds(30)).until(() -> masterState()
                .path("frameworks").get(0).path("executors").findValues("executor_id").stream()
                .noneMatch(id -> id.asText().equals("pod-kill")));
    }

    @Test
    void taskFails_theOtherTasksOfTheGroupAreKilled() {
        framework.launch("pod-fail", GroupFramework.task("fail-a", "sleep 1; exit 3"),
                GroupFramework.task("fail-b", "sleep 600"));

        TaskStatus failed = framework.awaitState("fail-a", TaskState.TASK_FAILED);
        framework.awaitState("fail-b", TaskState.TASK_KILLED);
        assertThat(failed.message()).contains("status 3");
    }

    @Test
    void taskFinishes_theOtherTasksKeepRunning() {
        framework.launch("pod-done", GroupFramework.task("done-a", "exit 0"),
                GroupFramework.task("done-b", "sleep 600"));

        framework.awaitState("done-a", TaskState.TASK_FINISHED);
        framework.awaitState("done-b", TaskState.TASK_RUNNING);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> framework.latest("done-b").orElseThrow().state() == TaskState.TASK_RUNNING);
        framework.kill("done-b");
        framework.awaitState("done-b", TaskState.TASK_KILLED);
    }

    @Test
    void healthCheck_tcpOnTheGroupsLoopback_reportsHealthy() {
        HealthCheck tcp = new HealthCheck(HealthCheck.Type.TCP, 0.0, 1.0, 5.0, 3, 30.0, null, null,
                new HealthCheck.Tcp(PORT));
        framework.launch("pod-health", GroupFramework.task("health-server", server("ok"), "cpus:0.1;mem:32", tcp));

        Awaitility.await("healthy").atMost(Duration.ofSeconds(60)).until(() -> framework.updates("health-server")
                .stream().anyMatch(s -> Boolean.TRUE.equals(s.healthy())));
        framework.kill("health-server");
        framework.awaitState("health-server", TaskState.TASK_KILLED);
    }

    @Test
    void portMapping_ofTheExecutor_servesTheGroupsPortOnTheAgent() throws IOException {
        io.strata.api.mesos.ContainerInfo mapped = new io.strata.api.mesos.ContainerInfo(
                io.strata.api.mesos.ContainerInfo.Type.MESOS, null, null, null, java.util.List.of(
                        new io.strata.api.mesos.ContainerInfo.NetworkInfo("private", java.util.List.of(
                                new io.strata.api.mesos.ContainerInfo.NetworkInfo.PortMapping(31050, PORT, "tcp")))));
        framework.launch("pod-mapped", mapped, "cpus:0.1;mem:32;ports:[31050-31050]",
                GroupFramework.task("mapped-server", server("mapped-reply")));
        framework.awaitState("mapped-server", TaskState.TASK_RUNNING);

        Awaitility.await("host port answers").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Socket s = new Socket("127.0.0.1", 31050)) {
                s.setSoTimeout(5000);
                return new String(s.getInputStream().readAllBytes()).contains("mapped-reply");
            } catch (IOException e) {
                return false;
            }
        });

        framework.kill("mapped-server");
        framework.awaitState("mapped-server", TaskState.TASK_KILLED);
        Awaitility.await("host port closed").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Socket s = new Socket("127.0.0.1", 31050)) {
                return false;
            } catch (IOException e) {
                return true;
            }
        });
    }

    private JsonNode masterState() {
        return get(cluster.master().url() + "/master/state");
    }

    private static JsonNode get(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Json.mesos().readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
