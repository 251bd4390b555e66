package io.strata.cli;

import io.strata.client.MasterClient;
import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --master} option shared by every command that talks to a master. */
public final class MasterOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Master address: http://host:port, host:port or zk://host:port[,..]/path "
                    + "(default: $" + io.strata.client.MasterLocator.ENV + ", else "
                    + io.strata.client.MasterLocator.DEFAULT + ").")
    String master;

    /** The master's URL after resolving flag, environment and default (and ZooKeeper for zk://). */
    public URI url(CliEnvironment environment) {
        return environment.locator().locate(master, environment.env());
    }

    /** A client of the master. */
    public MasterClient client(CliEnvironment environment) {
        return new MasterClient(url(environment), environment.transport());
    }
}
