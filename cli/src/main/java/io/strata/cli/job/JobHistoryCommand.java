package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.OutputOptions;
import io.strata.cli.output.JsonOutput;
import io.strata.cli.output.TablePrinter;
import io.strata.cli.service.ServiceEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata job history NAME}: success and error counts, last outcomes and the recent runs of a job. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a job's success and error counts and its recent runs.")
public final class JobHistoryCommand extends JobNameCommand {
    @Mixin
    OutputOptions output;

    @Override
    void run(CliEnvironment environment, ServiceEndpoint api) {
        JsonNode history = JobHistory.of(api, name);
        if (output.json()) {
            JsonOutput.print(history, environment.out());
            return;
        }
        environment.out().println(JobHistory.summary(history));
        TablePrinter.print(JobHistory.runs(history), environment.out());
    }
}
