package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata package search [QUERY]}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "List the packages whose name, description or tags contain QUERY (all without one).")
public final class PackageSearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PackageApi api;
    @Mixin
    OutputOptions output;
    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Text to look for.")
    String query;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode reply = api.client(environment).call("search", PackageClient.body().put("query",
                query == null ? "" : query));
        List<JsonNode> entries = new ArrayList<>();
        reply.path("packages").forEach(entries::add);
        output.print(entries, () -> PackageTables.search(reply), environment.out());
        return ExitCodes.OK;
    }
}
