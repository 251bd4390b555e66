package io.strata.cli.app;

import io.strata.cli.StrataCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata app}: the group of service (Marathon app) commands. */
@Command(name = "app", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Run long-running services on the services framework (Marathon v2 API).",
        subcommands = {AppAddCommand.class, AppListCommand.class, AppShowCommand.class, AppRemoveCommand.class,
                AppScaleCommand.class, AppRestartCommand.class, AppDeploymentsCommand.class, AppQueueCommand.class})
public final class AppCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }
}
