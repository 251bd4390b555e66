package io.strata.kubernetes;

import java.io.IOException;
import org.apache.curator.test.TestingServer;

/** A real in-process ZooKeeper and a Kubernetes API server on an ephemeral loopback port, for tests. */
public final class ApiServerFixture implements AutoCloseable {

    private final TestingServer zk;
    private final KubernetesFramework framework;

    private ApiServerFixture(TestingServer zk, KubernetesFramework framework) {
        this.zk = zk;
        this.framework = framework;
    }

    /** Starts ZooKeeper and the framework. */
    public static ApiServerFixture start() {
        try {
            TestingServer zk = new TestingServer(true);
            KubernetesFramework framework = KubernetesFramework.start(
                    KubernetesConfig.of(zk.getConnectString() + "/strata", "", 0));
            return new ApiServerFixture(zk, framework);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the API server fixture", e);
        }
    }

    /** The API server URL. */
    public String url() {
        return framework.url();
    }

    /** The framework. */
    public KubernetesFramework framework() {
        return framework;
    }

    @Override
    public void close() throws IOException {
        framework.close();
        zk.close();
    }

    /** Runs a server until killed: {@code java ... io.strata.kubernetes.ApiServerFixture}. */
    public static void main(String[] args) throws Exception {
        ApiServerFixture f = start();
        System.out.println(f.url());
        Thread.sleep(Long.MAX_VALUE);
    }
}
