package io.strata.cli.job;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata job remove NAME}: {@code DELETE /v1/scheduler/job/NAME}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a job.")
public final class JobRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Parameters(paramLabel = "NAME", description = "The job name.")
    String name;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        jobs.endpoint(environment).send("DELETE", "/v1/scheduler/job/" + JobsApi.encode(name), null);
        environment.out().println("Removed job " + name);
        return ExitCodes.OK;
    }
}
