package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.image.BusyboxRegistry;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --registry-credentials}: an agent pulls from a real docker-registry on 127.0.0.1 that requires htpasswd basic
 * auth, with the login from a Docker {@code config.json}; a wrong password fails the task naming the image.
 */
class RegistryCredentialsEndToEndTest {
    @TempDir
    Path dataDir;
    private BusyboxRegistry registry;
    private GroupCluster cluster;
    private GroupFramework framework;

    @BeforeEach
    void start() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")),
                "runc is not installed");
        registry = BusyboxRegistry.start(Files.createDirectories(dataDir.resolve("registry")));
    }

    @AfterEach
    void stop() {
        if (framework != null) {
            framework.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private void startCluster(String configJson) throws Exception {
        Path credentials = Files.writeString(dataDir.resolve("config.json"), configJson);
        cluster = GroupCluster.start(dataDir, new ImageSettings(registry.address(), Set.of(), "auto")
                .withRegistryCredentials(credentials));
        framework = GroupFramework.subscribe(cluster.master().url());
    }

    static TaskInfo imageTask(String id, String image, String shell) {
        return new TaskInfo(id, new TaskId(id), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.2;mem:64", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, shell, null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage(image), null)), null),
                null, null, null, null, null);
    }

    private String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void launch_rightLoginInDockerConfig_pullsAndRuns() throws Exception {
        registry.requireLogin("alice", BusyboxRegistry.SECRET_BCRYPT);
        startCluster("{\"auths\": {\"" + registry.address() + "\": {\"auth\": \"" + auth("alice", "secret") + "\"}}}");

        framework.launch("pod-auth", imageTask("authed", "busybox", "echo pulled-with-login"));

        framework.awaitState("authed", TaskState.TASK_FINISHED);
    }

    @Test
    void launch_registryWithTokenRealm_sendsTheLoginToTheRealmAndPulls() throws Exception {
        try (AutoCloseable tokens = registry.requireToken(dataDir, "bob", "t0ken-pw")) {
            startCluster("{\"auths\": {\"" + registry.address() + "\": {\"auth\": \"" + auth("bob", "t0ken-pw")
                    + "\"}}}");

            framework.launch("pod-token", imageTask("tokened", "busybox", "echo pulled-with-token"));

            framework.awaitState("tokened", TaskState.TASK_FINISHED);
        }
    }

    @Test
    void launch_wrongPassword_failsNamingTheImageAndUnauthorized() throws Exception {
        registry.requireLogin("alice", BusyboxRegistry.SECRET_BCRYPT);
        startCluster("{\"auths\": {\"http://" + registry.address() + "/v2/\": {\"username\": \"alice\", "
                + "\"password\": \"wrong\"}}}");

        framework.launch("pod-bad", imageTask("refused", "busybox", "true"));

        TaskStatus failed = framework.awaitState("refused", TaskState.TASK_FAILED);
        assertThat(failed.reason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message()).contains("image " + registry.address() + "/busybox:latest")
                .contains("unauthorized: registry " + registry.address() + " refused the credentials of user alice");
    }
}
