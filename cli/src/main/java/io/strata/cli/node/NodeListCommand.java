package io.strata.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.cli.OutputOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata node list}: one row per registered agent ({@code GET /master/slaves}). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the agents: resources used/total, reservations, attributes.")
public final class NodeListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        List<JsonNode> agents = master.client(environment).agents();
        output.print(agents, () -> NodeTable.of(agents), environment.out());
        return ExitCodes.OK;
    }
}
