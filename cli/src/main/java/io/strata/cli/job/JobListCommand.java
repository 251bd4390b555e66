package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata job list}: one row per job ({@code GET /v1/scheduler/jobs}). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the jobs with their schedule or parents and their success and error counts.")
public final class JobListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode all = jobs.endpoint(environment).get("/v1/scheduler/jobs");
        output.print(all, () -> JobTables.jobs(all), environment.out());
        return ExitCodes.OK;
    }
}
