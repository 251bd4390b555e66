package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.agent.ImageSettings;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper, master, agent (cgroups, task groups, host ports {@code ports}) and the Kubernetes framework
 * in-process, with the real kubectl pointed at it: for tests of the pod runtime as users see it.
 */
public final class RuntimeCluster implements AutoCloseable {
    private final TestingServer zk;
    private final Master master;
    private final Agent agent;
    private final KubernetesFramework framework;
    private final Kubectl kubectl;
    private TestRegistry registry;

    private RuntimeCluster(TestingServer zk, Master master, Agent agent, KubernetesFramework framework,
            Kubectl kubectl) {
        this.zk = zk;
        this.master = master;
        this.agent = agent;
        this.framework = framework;
        this.kubectl = kubectl;
    }

    /**
     * Starts everything under {@code dir}; the agent offers {@code ports} (e.g. {@code [31200-31300]}), Services get
     * cluster IPs from {@code serviceCidr} (distinct per test class, so listeners of other runs do not collide).
     */
    public static RuntimeCluster start(Path dir, String ports, String serviceCidr) throws Exception {
        return start(dir, ports, serviceCidr, UnaryOperator.identity());
    }

    /**
     * As {@link #start(Path, String, String)}, with the agent's configuration passed through {@code agentOptions}
     * (attributes, images from a test registry...); a null {@code serviceCidr} takes the framework's default.
     */
    public static RuntimeCluster start(Path dir, String ports, String serviceCidr,
            UnaryOperator<AgentConfig> agentOptions) throws Exception {
        TestingServer zk = new TestingServer(true);
        Master master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100)).withHeartbeatInterval(Duration.ofMillis(250)));
        assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
        Path work = dir.resolve("agent").toAbsolutePath();
        Agent agent = Agent.start(agentOptions.apply(AgentConfig.defaults("127.0.0.1", 0, master.url(), work)
                .withResources("cpus:4;mem:4096;disk:1000;ports:" + ports)
                .withCgroupName("k8s-rt-" + Integer.toHexString(work.toString().hashCode()))));
        await().atMost(Duration.ofSeconds(60)).until(agent::connected);
        KubernetesFramework framework = KubernetesFramework.start(new KubernetesConfig(zk.getConnectString()
                + "/strata", master.url(), "127.0.0.1", 0, serviceCidr, KubernetesConfig.DEFAULT_WATCH_WINDOW));
        Kubectl kubectl = new Kubectl(framework.url(), Files.createDirectories(dir.resolve("kubectl")));
        return new RuntimeCluster(zk, master, agent, framework, kubectl);
    }

    /**
     * As {@link #start(Path, String, String)} with images: a real registry on 127.0.0.1 holding busybox (and the
     * nginx test image when {@code withNginx}) that the agent pulls from and runs with runc; {@link #close()} stops
     * the registry too. Callers check first that the registry, the images and runc are installed.
     */
    public static RuntimeCluster startWithImages(Path dir, String ports, boolean withNginx) throws Exception {
        TestRegistry registry = TestRegistry.start();
        try {
            registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
            if (withNginx) {
                registry.push(TestImages.nginx(), "nginx", "latest", ImageFormat.OCI);
            }
            RuntimeCluster cluster = start(dir, ports, null,
                    agent -> agent.withImages(new ImageSettings(registry.address(), Set.of(), "runc")));
            cluster.registry = registry;
            return cluster;
        } catch (Exception | Error e) {
            registry.close();
            throw e;
        }
    }

    /** The master's base URL. */
    public String masterUrl() {
        return master.url();
    }

    /** The framework. */
    public KubernetesFramework framework() {
        return framework;
    }

    /** kubectl against the framework. */
    public Kubectl kubectl() {
        return kubectl;
    }

    /** Runs kubectl, asserting exit 0, and returns its output. */
    public String run(String... args) throws Exception {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exit()).as("kubectl %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    /**
     * Deletes every pod in the default namespace (the agent leaves image containers running when it stops), then
     * stops the framework, the agent, the master, ZooKeeper and the registry if there is one.
     */
    @Override
    public void close() throws Exception {
        kubectl.run("delete", "pods", "--all", "--timeout=60s");
        framework.close();
        agent.close();
        master.close();
        zk.close();
        if (registry != null) {
            registry.close();
        }
    }
}
