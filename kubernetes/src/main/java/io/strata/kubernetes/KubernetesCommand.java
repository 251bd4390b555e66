package io.strata.kubernetes;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata kubernetes}: runs the Kubernetes API server until interrupted. */
@Command(name = "kubernetes", mixinStandardHelpOptions = true,
        description = "Run the Kubernetes framework (a kubectl-compatible API server over ZooKeeper).")
public final class KubernetesCommand implements Callable<Integer> {

    @Option(names = "--zk", required = true, description = "ZooKeeper address with chroot, e.g. 127.0.0.1:2181/strata")
    String zk;

    @Option(names = "--master", defaultValue = "", description = "Master URL (for scheduling; optional for now)")
    String master;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "6443", description = "HTTP port, 0 = any free port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--service-cidr", defaultValue = KubernetesConfig.DEFAULT_SERVICE_CIDR,
            description = "Cluster IP range for Services (default ${DEFAULT-VALUE})")
    String serviceCidr;

    /** Starts the framework and blocks until the process is interrupted. */
    @Override
    public Integer call() throws InterruptedException {
        KubernetesConfig config = new KubernetesConfig(zk, master, host, port, serviceCidr,
                KubernetesConfig.DEFAULT_WATCH_WINDOW);
        try (KubernetesFramework framework = KubernetesFramework.start(config)) {
            System.out.println("Kubernetes API server listening on " + framework.url());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
