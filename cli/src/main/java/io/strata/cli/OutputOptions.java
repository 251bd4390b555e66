package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.strata.cli.output.JsonOutput;
import io.strata.cli.output.Table;
import io.strata.cli.output.TablePrinter;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The {@code --json} option of commands that print data, and the printing it selects. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print the master's JSON instead of a table.")
    boolean json;

    /** Whether JSON output was asked for. */
    public boolean json() {
        return json;
    }

    /** {@link #print(List, Supplier, PrintStream)} for the elements of a JSON array (none for other nodes). */
    public void print(JsonNode array, Supplier<Table> table, PrintStream out) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        array.forEach(entries::add);
        print(entries, table, out);
    }

    /**
     * Prints the master's JSON entries as one array with {@code --json}, else the table (built only then).
     */
    public void print(List<JsonNode> entries, Supplier<Table> table, PrintStream out) {
        if (json) {
            JsonOutput.print(JsonNodeFactory.instance.arrayNode().addAll(entries), out);
        } else {
            TablePrinter.print(table.get(), out);
        }
    }
}
