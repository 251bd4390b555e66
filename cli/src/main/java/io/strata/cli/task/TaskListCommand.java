package io.strata.cli.task;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.cli.OutputOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata task list}: the tasks of {@code GET /master/state}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the tasks that have not ended (with --all, completed ones too).")
public final class TaskListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Mixin
    OutputOptions output;
    @Option(names = "--all", description = "Include completed tasks and tasks of completed frameworks.")
    boolean all;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        List<ClusterTask> tasks = ClusterTask.all(master.client(environment).state(), all);
        output.print(tasks.stream().map(ClusterTask::task).toList(), () -> TaskTable.of(tasks), environment.out());
        return ExitCodes.OK;
    }
}
