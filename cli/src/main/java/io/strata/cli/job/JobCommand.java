package io.strata.cli.job;

import io.strata.cli.StrataCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata job}: the group of scheduled-job (Chronos) commands. */
@Command(name = "job", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Run scheduled and dependent jobs on the jobs framework (Chronos API).",
        subcommands = {JobAddCommand.class, JobListCommand.class, JobShowCommand.class, JobRunCommand.class,
                JobRemoveCommand.class, JobHistoryCommand.class})
public final class JobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }
}
