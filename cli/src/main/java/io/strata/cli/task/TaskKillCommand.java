package io.strata.cli.task;

import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.client.StrataClientException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata task kill ID}: the operator API's KILL_TASK ({@code POST /api/v1}). */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill a task of any framework (the master answers once the kill is under way).")
public final class TaskKillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Parameters(paramLabel = "ID", description = "The task id (exact).")
    String taskId;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        try {
            master.client(environment).killTask(taskId);
        } catch (StrataClientException e) {
            if (e.code() == StrataClientException.Code.NOT_FOUND) {
                throw new CliFailure(ExitCodes.FAILURE, "no task with id '" + taskId + "'");
            }
            throw e;
        }
        environment.out().println("Killing task " + taskId);
        return ExitCodes.OK;
    }
}
