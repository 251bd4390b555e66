package io.strata.cli.job;

import io.strata.cli.CliEnvironment;
import io.strata.cli.output.JsonOutput;
import io.strata.cli.service.ServiceEndpoint;
import picocli.CommandLine.Command;

/** {@code strata job show NAME}: the job's JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a job as JSON.")
public final class JobShowCommand extends JobNameCommand {
    @Override
    void run(CliEnvironment environment, ServiceEndpoint api) {
        JsonOutput.print(JobsApi.find(api, name), environment.out());
    }
}
