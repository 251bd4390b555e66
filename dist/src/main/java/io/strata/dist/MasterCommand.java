package io.strata.dist;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata master}: one master of a (possibly multi-machine) cluster. */
@Command(name = "master", mixinStandardHelpOptions = true,
        description = "Run a master. Without --zk it runs an embedded standalone ZooKeeper in --data-dir.")
public final class MasterCommand implements Callable<Integer> {
    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "Address to bind and advertise (default ${DEFAULT-VALUE}).")
    String ip;
    @Option(names = "--port", defaultValue = "5050", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--zk", description = "ZooKeeper ensemble host:port[,host:port]/path (zk:// prefix allowed).")
    String zk;
    @Option(names = "--data-dir", defaultValue = ".strata/master", description = "Embedded ZooKeeper data (default ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--zk-port", defaultValue = "2181", description = "Embedded ZooKeeper port (default ${DEFAULT-VALUE}).")
    int zkPort;
    @Option(names = "--agent-ping-timeout", defaultValue = "15", description = "Seconds (default ${DEFAULT-VALUE}).")
    long agentPingTimeout;
    @Option(names = "--max-agent-ping-timeouts", defaultValue = "5", description = "Default ${DEFAULT-VALUE}.")
    int maxAgentPingTimeouts;
    @Option(names = "--offer-timeout", defaultValue = "60", description = "Seconds before an unused offer is rescinded; 0 = never (default ${DEFAULT-VALUE}).")
    long offerTimeout;
    @Option(names = "--weights", description = "Role weights, e.g. 'ads=2,web=1'.")
    String weights;

    @Override
    public Integer call() {
        EmbeddedZooKeeper embedded = null;
        String zkAddress = zk;
        if (zkAddress == null) {
            embedded = EmbeddedZooKeeper.start(dataDir.resolve("zk"), "127.0.0.1", zkPort);
            zkAddress = embedded.connectString() + "/strata";
        }
        MasterConfig config = MasterConfig.defaults(ip, port, zkAddress)
                .withAgentPing(Duration.ofSeconds(agentPingTimeout), maxAgentPingTimeouts)
                .withOfferTimeout(Duration.ofSeconds(offerTimeout))
                .withRoleWeights(Options.weights(weights));
        Master master = Master.start(config);
        System.out.println("master: " + master.url() + " (ZooKeeper " + zkAddress + ")");
        EmbeddedZooKeeper zkServer = embedded;
        ServerCommands.awaitShutdown(() -> {
            master.close();
            if (zkServer != null) {
                zkServer.close();
            }
        });
        return 0;
    }
}
