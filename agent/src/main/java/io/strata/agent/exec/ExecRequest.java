package io.strata.agent.exec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an exec asks for, as kubectl sends it: the argument vector (one {@code command} query parameter per element)
 * and which streams to attach ({@code stdin}, {@code stdout}, {@code stderr}, {@code tty}; only {@code true} counts).
 */
public record ExecRequest(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {

    /** Validates and copies the command. */
    public ExecRequest {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("you must specify at least 1 command (query parameter 'command')");
        }
    }

    /**
     * Reads a request from query parameters.
     *
     * @throws IllegalArgumentException naming the parameter when {@code command} is missing or a flag is not a boolean
     */
    public static ExecRequest fromQuery(Map<String, List<String>> query) {
        List<String> command = query.getOrDefault("command", List.of());
        return new ExecRequest(command, flag(query, "stdin"), flag(query, "stdout"), flag(query, "stderr"),
                flag(query, "tty"));
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return false;
        }
        String value = values.get(values.size() - 1);
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw new IllegalArgumentException("query parameter '" + name + "' must be true or false, not '"
                    + value + "'");
        };
    }
}
