package io.strata.cli;

import io.strata.client.MasterClient;
import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --master} option shared by every command that talks to a master. */
public final class MasterOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Master address: http://host:port, host:port or zk://host:port[,..]/path "
                    + "(default: $" + io.strata.client.MasterLocator.ENV + ", else "
                    + "cluster.url/mesos of strata config, else " + io.strata.client.MasterLocator.DEFAULT + ").")
    String master;

    /** The master's URL after resolving flag, environment and default (and ZooKeeper for zk://). */
    public URI url(CliEnvironment environment) {
        String address = master;
        if ((address == null || address.isBlank())
                && environment.env().getOrDefault(io.strata.client.MasterLocator.ENV, "").isBlank()) {
            // strata config set cluster.url: the leading master through the admin router
            address = io.strata.cli.config.CliConfigStore.load(environment.env()).clusterUrl()
                    .map(url -> url + "/mesos").orElse(null);
        }
        return environment.locator().locate(address, environment.env());
    }

    /** A client of the master. */
    public MasterClient client(CliEnvironment environment) {
        return new MasterClient(url(environment), environment.transport());
    }
}
