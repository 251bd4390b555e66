package io.strata.agent.oci;

import io.strata.agent.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container runs, as the task asks for it; {@link #argv(ImageConfig)} combines it with the image's
 * {@code Entrypoint} and {@code Cmd}.
 *
 * <p>Semantics (Kubernetes and Docker for {@link Exec}, Mesos for {@link Shell}):
 * <pre>
 *   ImageDefault             -> Entrypoint + Cmd
 *   Shell("echo $X")         -> /bin/sh -c "echo $X"            (image Entrypoint and Cmd ignored)
 *   Exec([], [])             -> Entrypoint + Cmd                 (same as ImageDefault)
 *   Exec([], args)           -> Entrypoint + args                (args replace Cmd)
 *   Exec(command, [])        -> command                          (Cmd dropped as well, as in Kubernetes)
 *   Exec(command, args)      -> command + args
 * </pre>
 * An empty result (no Entrypoint, no Cmd, nothing given) is an error.
 */
public sealed interface ContainerProcess {

    /** Returns the container's {@code process.args} for an image with {@code config}. */
    List<String> argv(ImageConfig config);

    /** Runs the image's Entrypoint followed by its Cmd. */
    record ImageDefault() implements ContainerProcess {
        @Override
        public List<String> argv(ImageConfig config) {
            return new Exec(List.of(), List.of()).argv(config);
        }
    }

    /** Runs a command line with the image's {@code /bin/sh -c}, like Mesos {@code CommandInfo.shell=true}. */
    record Shell(String command) implements ContainerProcess {

        /** Validates that the command is not blank. */
        public Shell {
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("shell command must not be blank");
            }
        }

        @Override
        public List<String> argv(ImageConfig config) {
            return List.of("/bin/sh", "-c", command);
        }
    }

    /**
     * Overrides the Entrypoint ({@code command}) and/or the Cmd ({@code args}) like Kubernetes' {@code command} and
     * {@code args}; an empty list keeps the image's value, except that a given command also drops the image's Cmd.
     */
    record Exec(List<String> command, List<String> args) implements ContainerProcess {

        /** Copies the lists. */
        public Exec {
            command = List.copyOf(command);
            args = List.copyOf(args);
        }

        @Override
        public List<String> argv(ImageConfig config) {
            List<String> argv = new ArrayList<>(command.isEmpty() ? config.entrypoint() : command);
            if (!args.isEmpty()) {
                argv.addAll(args);
            } else if (command.isEmpty()) {
                argv.addAll(config.cmd());
            }
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw new OciException("nothing to run: the image has no Entrypoint or Cmd and the task gives no command");
            }
            return List.copyOf(argv);
        }
    }

    /**
     * Maps a Mesos {@code CommandInfo} onto a process: {@code shell=true} runs {@code /bin/sh -c value};
     * {@code shell=false} with a value runs it as the executable with {@code arguments[1..]} (Mesos puts argv[0] in
     * {@code arguments[0]}); {@code shell=false} without a value appends {@code arguments} to the Entrypoint in place
     * of the Cmd; nothing at all runs the image default.
     *
     * @throws IllegalArgumentException if {@code shell} is true and {@code value} is empty (Mesos rejects it too)
     */
    public static ContainerProcess fromMesos(boolean shell, Optional<String> value, List<String> arguments) {
        Objects.requireNonNull(value, "value");
        Optional<String> present = value.filter(text -> !text.isEmpty());
        if (shell) {
            return new Shell(present.orElseThrow(
                    () -> new IllegalArgumentException("shell command requires a value")));
        }
        if (present.isPresent()) {
            List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
            return new Exec(List.of(present.get()), rest);
        }
        return arguments.isEmpty() ? new ImageDefault() : new Exec(List.of(), arguments);
    }
}
