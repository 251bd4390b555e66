package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.agent.exec.ChannelClient;
import io.strata.agent.exec.Channels;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.client.exec.ExecStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent's exec and port-forward endpoints (agent/exec) against real tasks on a real agent: a plain command task
 * (its cgroups, environment and sandbox) and an image task in a group (runc exec into busybox, port-forward into the
 * group's network namespace).
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

    private static ChannelClient finished(ChannelClient client) throws Exception {
        assertThat(client.awaitClose()).isEqualTo(1000);
        return client;
    }

    @Test
    void exec_plainTask_runsInItsSandboxCgroupsAndEnvironment() throws Exception {
        framework.launchTasks(GroupFramework.task("plain", "mkdir -p www && echo plain-page > www/index.html"
                + " && exec busybox httpd -f -p 127.0.0.1:$PORT -h www", "cpus:0.1;mem:32;ports:[31050-31050]",
                null));
        framework.awaitState("plain", TaskState.TASK_RUNNING);
        Container task = cluster.agent().containers().all().stream()
                .filter(c -> c.task.taskId().value().equals("plain")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> task.taskPid().isPresent());

        ChannelClient where = finished(ChannelClient.exec(exec("plain", "&stdout=true&stderr=true", "sh", "-c",
                "echo $MESOS_TASK_ID; pwd; cat /proc/self/cgroup")));
        assertThat(where.subprotocol()).isEqualTo(Channels.V5);
        assertThat(where.status()).contains("\"Success\"");
        String taskCgroups = Files.readString(Path.of("/proc/" + task.taskPid().getAsLong() + "/cgroup"));
        assertThat(where.stdout()).startsWith("plain\n" + task.sandbox + "\n")
                .contains(taskCgroups.lines().filter(l -> l.contains(":memory:")).findFirst().orElseThrow());

        ChannelClient cat = ChannelClient.exec(exec("plain", "&stdin=true&stdout=true&stderr=true", "cat"));
        cat.send("hello\n");
        cat.send("world\n");
        cat.closeStdin();
        assertThat(finished(cat).stdout()).isEqualTo("hello\nworld\n");
        assertThat(cat.status()).contains("\"Success\"");

        ChannelClient failing = finished(ChannelClient.exec(exec("plain", "&stdout=true&stderr=true", "sh", "-c",
                "echo oops >&2; exit 3")));
        assertThat(failing.stderr()).isEqualTo("oops\n");
        assertThat(failing.status()).contains("\"NonZeroExitCode\"");
        assertThat(ExecStatus.parse(failing.status()).exitCode()).isEqualTo(3);

        ChannelClient terminal = finished(ChannelClient.exec(exec("plain", "&stdout=true&tty=true", "sh", "-c",
                "test -t 0 && test -t 1 && echo on-a-terminal; exit 5")));
        assertThat(terminal.stdout()).contains("on-a-terminal");
        assertThat(ExecStatus.parse(terminal.status()).exitCode()).isEqualTo(5);

        // host networking: the port is the host's 127.0.0.1:31050
        ChannelClient web = ChannelClient.portForward(portForward("plain", 31050));
        web.send("GET /index.html HTTP/1.0\r\n\r\n");
        assertThat(finished(web).stdout()).startsWith("HTTP/1.").contains("plain-page");

        assertThatThrownBy(() -> ChannelClient.exec(exec("nope", "&stdout=true", "true")))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(404));

        framework.kill("plain");
        framework.awaitState("plain", TaskState.TASK_KILLED);
        assertThatThrownBy(() -> ChannelClient.exec(exec("plain", "&stdout=true", "true")))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(409));
    }

    @Test
    void execAndPortForward_imageTaskInGroup_enterTheContainerAndItsNetwork() throws Exception {
        TaskInfo server = new TaskInfo("img", new TaskId("img"), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.2;mem:64", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, "mkdir -p /tmp/www && echo from-image > /tmp/www/index.html"
                        + " && exec httpd -f -p 127.0.0.1:18091 -h /tmp/www", null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage("busybox"), null)), null),
                null, null, null, null, null);
        framework.launch("pod-exec", server);
        framework.awaitState("img", TaskState.TASK_RUNNING);

        // the file exists only in the container's root filesystem
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finished(ChannelClient.exec(
                exec("img", "&stdout=true&stderr=true", "cat", "/tmp/www/index.html"))).stdout())
                .isEqualTo("from-image\n"));

        ChannelClient upper = ChannelClient.exec(exec("img", "&stdin=true&stdout=true&stderr=true", "sh", "-c",
                "read line; echo got-$line"));
        upper.send("inside\n");
        upper.closeStdin();
        assertThat(finished(upper).stdout()).as("stderr %s, status %s", upper.stderr(), upper.status())
                .isEqualTo("got-inside\n");

        ChannelClient terminal = finished(ChannelClient.exec(exec("img", "&stdout=true&tty=true", "sh", "-c",
                "echo started; test -t 1 && echo tty-in-container")));
        assertThat(terminal.stdout()).as("status %s", terminal.status()).contains("tty-in-container");

        ChannelClient exit = finished(ChannelClient.exec(exec("img", "&stdout=true", "sh", "-c", "exit 7")));
        assertThat(ExecStatus.parse(exit.status()).exitCode()).isEqualTo(7);

        // 127.0.0.1:18091 is the group's loopback, not the host's
        ChannelClient web = ChannelClient.portForward(portForward("img", 18091));
        web.send("GET /index.html HTTP/1.0\r\n\r\n");
        assertThat(finished(web).stdout()).startsWith("HTTP/1.").contains("from-image");

        ChannelClient refused = ChannelClient.portForward(portForward("img", 18092));
        assertThat(refused.awaitClose()).isEqualTo(1011);
        assertThat(refused.closeReason()).containsIgnoringCase("refused");

        framework.kill("img");
        framework.awaitState("img", TaskState.TASK_KILLED);
    }
}
