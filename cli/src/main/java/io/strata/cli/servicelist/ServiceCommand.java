package io.strata.cli.servicelist;

import io.strata.cli.StrataCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata service}: what runs on the cluster. */
@Command(name = "service", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Inspect the services of the cluster: frameworks and apps.", subcommands = ServiceListCommand.class)
public final class ServiceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }
}
