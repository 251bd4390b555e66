package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import io.strata.cli.StrataCli;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata package repo add|list|remove}: the package repository list. */
@Command(name = "repo", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manage the package repositories (earlier ones win when several hold a package).",
        subcommands = {PackageRepoCommand.Add.class, PackageRepoCommand.ListRepos.class,
                PackageRepoCommand.Remove.class})
public final class PackageRepoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }

    static void print(CliEnvironment environment, OutputOptions output, JsonNode reply) {
        List<JsonNode> entries = new ArrayList<>();
        reply.path("repositories").forEach(entries::add);
        output.print(entries, () -> PackageTables.repositories(reply), environment.out());
    }

    /** {@code strata package repo add NAME URL [--index N]}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a repository: a Universe zip or folder over http(s)://, or file:/path.")
    public static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PackageApi api;
        @Mixin
        OutputOptions output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The repository's name.")
        String name;
        @Parameters(index = "1", paramLabel = "URL", description = "Where the repository is.")
        String url;
        @Option(names = "--index", paramLabel = "N", description = "Position in the list (0 first; default last).")
        Integer index;

        @Override
        public Integer call() {
            CliEnvironment environment = Commands.environment(spec);
            var body = PackageClient.body().put("name", name).put("uri", url);
            if (index != null) {
                body.put("index", index);
            }
            print(environment, output, api.client(environment).call("repository/add", body));
            return ExitCodes.OK;
        }
    }

    /** {@code strata package repo list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the repositories in order.")
    public static final class ListRepos implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PackageApi api;
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            CliEnvironment environment = Commands.environment(spec);
            print(environment, output, api.client(environment).call("repository/list", PackageClient.body()));
            return ExitCodes.OK;
        }
    }

    /** {@code strata package repo remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a repository by name.")
    public static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PackageApi api;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME", description = "The repository's name.")
        String name;

        @Override
        public Integer call() {
            CliEnvironment environment = Commands.environment(spec);
            print(environment, output, api.client(environment).call("repository/delete",
                    PackageClient.body().put("name", name)));
            return ExitCodes.OK;
        }
    }
}
