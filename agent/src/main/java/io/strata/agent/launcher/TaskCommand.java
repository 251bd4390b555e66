package io.strata.agent.launcher;

import java.util.List;
import java.util.Objects;

/** What a task executes: a shell command line or an argument vector. */
public sealed interface TaskCommand {

    /** Returns the argument vector that the supervisor executes. */
    List<String> argv();

    /** A command line run by {@code /bin/sh -c}. */
    record Shell(String command) implements TaskCommand {

        /** Validates the command. */
        public Shell {
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("shell command must not be blank");
            }
        }

        @Override
        public List<String> argv() {
            return List.of("/bin/sh", "-c", command);
        }
    }

    /**
     * An argument vector executed directly; {@code argv.get(0)} is looked up on {@code PATH}. It may not contain
     * {@code =} since {@code env} would read it as a variable assignment.
     */
    record Argv(List<String> argv) implements TaskCommand {

        /** Validates and copies the vector. */
        public Argv {
            argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
            if (argv.isEmpty() || argv.get(0).isEmpty() || argv.get(0).contains("=")) {
                throw new IllegalArgumentException("argv[0] must be a non-empty program name without '=': " + argv);
            }
        }
    }
}
