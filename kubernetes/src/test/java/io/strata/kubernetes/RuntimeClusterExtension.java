package io.strata.kubernetes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.AgentConfig;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RuntimeCluster} per test class, registered as a static {@code @RegisterExtension} field: started in a
 * temporary directory before the class's own {@code @BeforeAll} methods, closed and deleted after its
 * {@code @AfterAll} methods. The class is skipped (an assumption, as elsewhere) when kubectl is missing, or for
 * image pods when the registry, the images or runc are.
 */
public final class RuntimeClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private static final Path RUNC = Path.of("/usr/sbin/runc");

    private final Starter starter;
    private final boolean images;
    private final boolean nginx;
    private Path dir;
    private RuntimeCluster cluster;

    @FunctionalInterface
    private interface Starter {
        RuntimeCluster start(Path dir) throws Exception;
    }

    private RuntimeClusterExtension(Starter starter, boolean images, boolean nginx) {
        this.starter = starter;
        this.images = images;
        this.nginx = nginx;
    }

    /** Pods on the host runtime; the agent offers {@code ports}, Services get IPs from {@code serviceCidr}. */
    public static RuntimeClusterExtension hostPods(String ports, String serviceCidr) {
        return hostPods(ports, serviceCidr, UnaryOperator.identity());
    }

    /** As {@link #hostPods(String, String)}, with the agent's configuration passed through {@code agentOptions}. */
    public static RuntimeClusterExtension hostPods(String ports, String serviceCidr,
            UnaryOperator<AgentConfig> agentOptions) {
        return new RuntimeClusterExtension(dir -> RuntimeCluster.start(dir, ports, serviceCidr, agentOptions), false,
                false);
    }

    /** Image pods run by runc from a test registry holding busybox (and nginx when {@code withNginx}). */
    public static RuntimeClusterExtension imagePods(String ports, boolean withNginx) {
        return new RuntimeClusterExtension(dir -> RuntimeCluster.startWithImages(dir, ports, withNginx), true,
                withNginx);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(Kubectl.available(), "kubectl tests skipped: /usr/bin/kubectl is not installed");
        if (images) {
            assumeTrue(TestRegistry.isInstalled() && TestImages.busyboxInstalled()
                    && (!nginx || TestImages.nginxInstalled()) && Files.isExecutable(RUNC),
                    "docker-registry, busybox" + (nginx ? ", nginx" : "") + " or runc missing");
        }
        dir = Files.createTempDirectory("k8s-" + context.getRequiredTestClass().getSimpleName() + "-");
        cluster = starter.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            cluster = null;
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** The running cluster (only between this extension's before-all and after-all callbacks). */
    public RuntimeCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster runs only while the test class does");
        }
        return cluster;
    }

    /** The class's temporary directory (the cluster's files are below it; tests may add their own). */
    public Path dir() {
        cluster();
        return dir;
    }

    /** kubectl against the framework. */
    public Kubectl kubectl() {
        return cluster().kubectl();
    }

    /** Runs kubectl, asserting exit 0, and returns its output. */
    public String run(String... args) throws Exception {
        return cluster().run(args);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // files of still-unmounting containers may linger; the temporary directory is the OS's to clean
        }
    }
}
