package io.strata.cli.app;

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

/** {@code strata app queue}: apps waiting for offers and why offers were declined ({@code GET /v2/queue}). */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "List apps waiting to be placed, with the main reason offers did not fit.")
public final class AppQueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode queue = services.endpoint(environment).get("/v2/queue");
        output.print(queue.path("queue"), () -> AppTables.queue(queue), environment.out());
        return ExitCodes.OK;
    }
}
