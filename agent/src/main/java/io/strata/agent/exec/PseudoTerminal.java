package io.strata.agent.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gives an exec'd command a terminal: the command line runs under util-linux {@code script -q -f -e -c CMD /dev/null},
 * which allocates a pseudo-terminal, makes it the command's stdin, stdout and stderr, copies between it and its own
 * pipes, and exits with the command's status. An image task's runtime passes those terminal descriptors into the
 * container, so the command sees a terminal there too. The terminal keeps script's default size: resize messages are
 * not applied.
 */
public final class PseudoTerminal {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/script"), Path.of("/bin/script"));

    private PseudoTerminal() {
    }

    /** Returns the {@code script} executable, if installed. */
    public static Optional<Path> locate() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Returns {@code argv} wrapped to run on a new pseudo-terminal by {@code script}. */
    public static List<String> wrap(Path script, List<String> argv) {
        String command = argv.stream().map(PseudoTerminal::quote).collect(Collectors.joining(" "));
        return List.of(script.toString(), "-q", "-f", "-e", "-c", command, "/dev/null");
    }

    /** Single-quotes a word for {@code /bin/sh}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
