package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import io.strata.cli.output.JsonOutput;
import io.strata.cli.output.TablePrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata job history NAME}: success and error counts, last outcomes and the recent runs of a job. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a job's success and error counts and its recent runs.")
public final class JobHistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Mixin
    OutputOptions output;
    @Parameters(paramLabel = "NAME", description = "The job name.")
    String name;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode history = JobHistory.of(jobs.endpoint(environment), name);
        if (output.json()) {
            JsonOutput.print(history, environment.out());
            return ExitCodes.OK;
        }
        environment.out().println(JobHistory.summary(history));
        TablePrinter.print(JobHistory.runs(history), environment.out());
        return ExitCodes.OK;
    }
}
