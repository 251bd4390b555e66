package io.strata.cli.framework;

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

/** {@code strata framework list}: one row per framework ({@code GET /master/frameworks}). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the frameworks with their role, task count and resources in use.")
public final class FrameworkListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        List<JsonNode> frameworks = master.client(environment).frameworks();
        output.print(frameworks, () -> FrameworkTable.of(frameworks), environment.out());
        return ExitCodes.OK;
    }
}
