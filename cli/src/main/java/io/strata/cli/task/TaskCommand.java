package io.strata.cli.task;

import io.strata.cli.StrataCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata task}: the group of task commands. */
@Command(name = "task", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Inspect, follow, enter and kill tasks.",
        subcommands = {TaskListCommand.class, TaskLogCommand.class, TaskKillCommand.class, TaskExecCommand.class})
public final class TaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }
}
