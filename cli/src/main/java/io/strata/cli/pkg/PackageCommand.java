package io.strata.cli.pkg;

import io.strata.cli.StrataCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata package}: the group of package commands, clients of the package service (Cosmos API). */
@Command(name = "package", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Find, install and remove packages (services from Universe repositories), as 'dcos package'.",
        subcommands = {PackageRepoCommand.class, PackageSearchCommand.class, PackageDescribeCommand.class,
                PackageInstallCommand.class, PackageListCommand.class, PackageUninstallCommand.class})
public final class PackageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }
}
