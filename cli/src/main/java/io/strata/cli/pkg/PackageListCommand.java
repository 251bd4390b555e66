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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata package list [NAME] [--app-id ID]}: installed packages (apps with DCOS_PACKAGE_* labels). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the installed packages.")
public final class PackageListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PackageApi api;
    @Mixin
    OutputOptions output;
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this package.")
    String name;
    @Option(names = "--app-id", paramLabel = "ID", description = "Only the install with this app id.")
    String appId;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        var body = PackageClient.body();
        if (name != null) {
            body.put("packageName", name);
        }
        if (appId != null) {
            body.put("appId", appId);
        }
        JsonNode reply = api.client(environment).call("list", body);
        List<JsonNode> entries = new ArrayList<>();
        reply.path("packages").forEach(entries::add);
        output.print(entries, () -> PackageTables.installed(reply), environment.out());
        return ExitCodes.OK;
    }
}
