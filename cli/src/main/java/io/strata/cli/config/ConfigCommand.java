package io.strata.cli.config;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.StrataCli;
import io.strata.cli.output.JsonOutput;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata config}: set, show and unset the CLI's settings. */
@Command(name = "config", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Show or change the CLI settings (e.g. cluster.url, the admin router every command goes through).",
        subcommands = {ConfigCommand.Set.class, ConfigCommand.Show.class, ConfigCommand.Unset.class})
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StrataCli.usage(spec);
    }

    /** {@code strata config set KEY VALUE}. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a key (cluster.url, kubectl.path).")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY")
        String key;
        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @Override
        public Integer call() {
            CliEnvironment environment = Commands.environment(spec);
            CliConfigStore.save(environment.env(), CliConfigStore.load(environment.env()).with(key, value));
            environment.out().println(key + " = " + value.strip());
            return ExitCodes.OK;
        }
    }

    /** {@code strata config show [--json]}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the settings and where they are kept.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print the settings as a JSON object.")
        boolean json;

        @Override
        public Integer call() {
            CliEnvironment environment = Commands.environment(spec);
            CliConfig config = CliConfigStore.load(environment.env());
            if (json) {
                JsonOutput.print(io.strata.api.json.Json.mesos().valueToTree(config.values()), environment.out());
                return ExitCodes.OK;
            }
            environment.out().println("# " + CliConfigStore.path(environment.env()));
            Map<String, String> all = new TreeMap<>();
            CliConfig.KEYS.keySet().forEach(k -> all.put(k, config.get(k).orElse("(not set)")));
            all.forEach((k, v) -> environment.out().println(k + " = " + v));
            return ExitCodes.OK;
        }
    }

    /** {@code strata config unset KEY}. */
    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove a key.")
    static final class Unset implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            CliEnvironment environment = Commands.environment(spec);
            CliConfigStore.save(environment.env(), CliConfigStore.load(environment.env()).without(key));
            environment.out().println("unset " + key);
            return ExitCodes.OK;
        }
    }
}
