package io.strata.cli.job;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.output.JsonOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata job show NAME}: the job's JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a job as JSON.")
public final class JobShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Parameters(paramLabel = "NAME", description = "The job name.")
    String name;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonOutput.print(JobsApi.find(jobs.endpoint(environment), name), environment.out());
        return ExitCodes.OK;
    }
}
