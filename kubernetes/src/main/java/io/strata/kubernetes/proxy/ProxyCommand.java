package io.strata.kubernetes.proxy;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata kubernetes proxy --api URL [--node-address A]}: runs the service proxy of one node until interrupted,
 * e.g. as a long-running task on every agent of a multi-machine cluster.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run the Kubernetes service proxy (ClusterIP and NodePort forwarding) for this node.")
public final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--api", required = true, description = "The Kubernetes API server URL, e.g. http://10.0.0.1:6443")
    String api;

    @Option(names = "--node-address", defaultValue = "",
            description = "This node's address for NodePort listeners (default: none, only ClusterIPs)")
    String nodeAddress;

    /** Starts the proxy and blocks until the process is interrupted. */
    @Override
    public Integer call() throws InterruptedException {
        try (ServiceProxy proxy = ServiceProxy.start(api, nodeAddress)) {
            System.out.println("Kubernetes service proxy following " + api);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
