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

/** {@code strata job run NAME}: {@code PUT /v1/scheduler/job/NAME}, a run now outside the schedule. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a run of a job now.")
public final class JobRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Parameters(paramLabel = "NAME", description = "The job name.")
    String name;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        jobs.endpoint(environment).send("PUT", "/v1/scheduler/job/" + JobsApi.encode(name), null);
        environment.out().println("Started a run of " + name);
        return ExitCodes.OK;
    }
}
