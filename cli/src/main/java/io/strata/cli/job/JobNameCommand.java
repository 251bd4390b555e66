package io.strata.cli.job;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A {@code strata job} subcommand about one job named on the command line; subclasses say what to do with it. */
abstract class JobNameCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Parameters(paramLabel = "NAME", description = "The job name.")
    String name;

    @Override
    public final Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        run(environment, jobs.endpoint(environment));
        return ExitCodes.OK;
    }

    /** Does the command's work on the job {@link #name}; API errors propagate as the CLI reports them. */
    abstract void run(CliEnvironment environment, ServiceEndpoint api);

    /** The job's path under {@code /v1/scheduler/job/}. */
    String jobPath() {
        return "/v1/scheduler/job/" + JobsApi.encode(name);
    }
}
