package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.agent.exec.RawPortClient;
import io.strata.agent.exec.Channels;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.client.exec.ExecChannelClient;
import io.strata.client.exec.ExecStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent's exec and port-forward endpoints (agent/exec) against real tasks on a real agent: a plain command task
 * (its cgroups, environment and sandbox) and an image task in a group (runc exec into busybox, port-forward into the
 * group's network namespace), with the shared {@link ExecChannelClient}: output, stdin, exit codes, a terminal and
 * its resizes, and port-forward's half-close.
 */
class TaskExecEndToEndTest extends BusyboxClusterTest {

    private URI exec(String taskId, String query, String... command) {
        String commands = List.of(command).stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(cluster.agent().url().replace("http://", "ws://") + "/api/v1/containers/" + taskId
                + "/exec?" + commands + query);
    }

    private URI portForward(String taskId, int port) {
        return URI.create(cluster.agent().url().replace("http://", "ws://") + "/api/v1/containers/" + taskId
                + "/portforward?port=" + port);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One exec: its client and what arrived on stdout and stderr. */
    private record Exec(ExecChannelClient client, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits for the end, asserts a normal close, and returns the Status JSON. */
        String status() throws Exception {
            ExecChannelClient.Ended ended = client.ended().get(60, TimeUnit.SECONDS);
            assertThat(ended.closeCode()).as("close reason %s", ended.reason()).isEqualTo(1000);
            return ended.status().orElse("");
        }
    }

    private static Exec open(URI uri) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return new Exec(ExecChannelClient.open(HTTP, uri, out, err), out, err);
    }

    private static Exec finished(Exec exec) throws Exception {
        exec.status();
        return exec;
    }

    private static RawPortClient finished(RawPortClient client) throws Exception {
        assertThat(client.awaitClose()).isEqualTo(1000);
        return client;
    }

    /** A command that prints its terminal's size, and again (then exits) when the size changes. */
    private static final String SIZES = "stty size; trap 'stty size; exit 0' 28; while :; do sleep 0.1; done";

    /** Opens a terminal exec of {@link #SIZES} at 100x40, then resizes it to 120x50 and expects both sizes. */
    private static void assertResizes(URI uri) throws Exception {
        Exec sizes = open(uri);
        sizes.client().resize(100, 40);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sizes.stdout()).contains("40 100"));
        sizes.client().resize(120, 50);
        assertThat(ExecStatus.parse(sizes.status()).exitCode()).as(sizes.stdout()).isZero();
        assertThat(sizes.stdout()).containsSubsequence("40 100", "50 120");
    }

    @Test
    void exec_plainTask_runsInItsSandboxCgroupsAndEnvironment() throws Exception {
        framework.launchTasks(GroupFramework.task("plain", "mkdir -p www && echo plain-page > www/index.html"
                + " && busybox httpd -p 127.0.0.1:$PORT0 -h www"
                + " && exec socat TCP-LISTEN:$PORT1,bind=127.0.0.1,reuseaddr,fork EXEC:'wc -c'", "cpus:0.1;mem:32;ports:[31050-31051]",
                null));
        framework.awaitState("plain", TaskState.TASK_RUNNING);
        Container task = cluster.agent().containers().all().stream()
                .filter(c -> c.task.taskId().value().equals("plain")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> task.taskPid().isPresent());

        Exec where = finished(open(exec("plain", "&stdout=true&stderr=true", "sh", "-c",
                "echo $MESOS_TASK_ID; pwd; cat /proc/self/cgroup")));
        assertThat(where.client().subprotocol()).isEqualTo(Channels.V5);
        assertThat(where.status()).contains("\"Success\"");
        String taskCgroups = Files.readString(Path.of("/proc/" + task.taskPid().getAsLong() + "/cgroup"));
        assertThat(where.stdout()).startsWith("plain\n" + task.sandbox + "\n")
                .contains(taskCgroups.lines().filter(l -> l.contains(":memory:")).findFirst().orElseThrow());

        Exec cat = open(exec("plain", "&stdin=true&stdout=true&stderr=true", "cat"));
        cat.client().sendStdin("hello\n");
        cat.client().sendStdin("world\n");
        cat.client().closeStdin();
        assertThat(finished(cat).stdout()).isEqualTo("hello\nworld\n");
        assertThat(cat.status()).contains("\"Success\"");

        Exec failing = finished(open(exec("plain", "&stdout=true&stderr=true", "sh", "-c",
                "echo oops >&2; exit 3")));
        assertThat(failing.stderr()).isEqualTo("oops\n");
        assertThat(failing.status()).contains("\"NonZeroExitCode\"");
        assertThat(ExecStatus.parse(failing.status()).exitCode()).isEqualTo(3);

        Exec terminal = finished(open(exec("plain", "&stdout=true&tty=true", "sh", "-c",
                "test -t 0 && test -t 1 && echo on-a-terminal; exit 5")));
        assertThat(terminal.stdout()).contains("on-a-terminal");
        assertThat(ExecStatus.parse(terminal.status()).exitCode()).isEqualTo(5);

        assertResizes(exec("plain", "&stdin=true&stdout=true&tty=true", "sh", "-c", SIZES));

        // host networking: the port is the host's 127.0.0.1:31050
        RawPortClient web = RawPortClient.open(portForward("plain", 31050));
        web.send("GET /index.html HTTP/1.0\r\n\r\n");
        assertThat(finished(web).received()).startsWith("HTTP/1.").contains("plain-page");

        // half-close: wc answers only after reading EOF
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RawPortClient count = RawPortClient.open(portForward("plain", 31051));
            count.send("twelve bytes");
            count.finishWrites();
            assertThat(finished(count).received().strip()).isEqualTo("12");
        });

        assertThatThrownBy(() -> open(exec("nope", "&stdout=true", "true")))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(404));

        framework.kill("plain");
        framework.awaitState("plain", TaskState.TASK_KILLED);
        assertThatThrownBy(() -> open(exec("plain", "&stdout=true", "true")))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(409));
    }

    @Test
    void execAndPortForward_imageTaskInGroup_enterTheContainerAndItsNetwork() throws Exception {
        TaskInfo server = new TaskInfo("img", new TaskId("img"), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.2;mem:64", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, "mkdir -p /tmp/www && echo from-image > /tmp/www/index.html"
                        + " && httpd -p 127.0.0.1:18091 -h /tmp/www && exec nc -ll -p 18093 -e wc -c", null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage("busybox"), null)), null),
                null, null, null, null, null);
        framework.launch("pod-exec", server);
        framework.awaitState("img", TaskState.TASK_RUNNING);

        // the file exists only in the container's root filesystem
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finished(open(
                exec("img", "&stdout=true&stderr=true", "cat", "/tmp/www/index.html"))).stdout())
                .isEqualTo("from-image\n"));

        Exec upper = open(exec("img", "&stdin=true&stdout=true&stderr=true", "sh", "-c",
                "read line; echo got-$line"));
        upper.client().sendStdin("inside\n");
        upper.client().closeStdin();
        assertThat(finished(upper).stdout()).as("stderr %s, status %s", upper.stderr(), upper.status())
                .isEqualTo("got-inside\n");

        Exec terminal = finished(open(exec("img", "&stdout=true&tty=true", "sh", "-c",
                "echo started; test -t 1 && echo tty-in-container")));
        assertThat(terminal.stdout()).as("status %s", terminal.status()).contains("tty-in-container");

        Exec exit = finished(open(exec("img", "&stdout=true", "sh", "-c", "exit 7")));
        assertThat(ExecStatus.parse(exit.status()).exitCode()).isEqualTo(7);

        // 127.0.0.1:18091 is the group's loopback, not the host's
        RawPortClient web = RawPortClient.open(portForward("img", 18091));
        web.send("GET /index.html HTTP/1.0\r\n\r\n");
        assertThat(finished(web).received()).startsWith("HTTP/1.").contains("from-image");

        // half-close through the namespace relay (socat): wc answers only after reading EOF
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RawPortClient count = RawPortClient.open(portForward("img", 18093));
            count.send("nine byte");
            count.finishWrites();
            assertThat(finished(count).received().strip()).isEqualTo("9");
        });

        assertResizes(exec("img", "&stdin=true&stdout=true&tty=true", "sh", "-c", SIZES));

        RawPortClient refused = RawPortClient.open(portForward("img", 18092));
        assertThat(refused.awaitClose()).isEqualTo(1011);
        assertThat(refused.closeReason()).containsIgnoringCase("refused");

        framework.kill("img");
        framework.awaitState("img", TaskState.TASK_KILLED);
    }
}
