package io.strata.agent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Gives an exec'd command a terminal: the command line runs under util-linux {@code script -q -f -e -c CMD /dev/null},
 * which allocates a pseudo-terminal, makes it the command's stdin, stdout and stderr, copies between it and its own
 * pipes, and exits with the command's status. An image task's runtime passes those terminal descriptors into the
 * container (runc gives the container a console of its own and copies our terminal's size to it on SIGWINCH).
 *
 * <p>Size: the initial size is set inside the terminal before the command starts ({@code stty cols W rows H; exec
 * CMD}); later sizes are set from outside with {@code stty -F <slave> cols W rows H}, a real {@code TIOCSWINSZ} on the
 * slave that {@code script}'s child holds as its stdin, so the foreground process gets SIGWINCH.
 */
public final class PseudoTerminal {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/script"), Path.of("/bin/script"));
    private static final List<Path> STTY = List.of(Path.of("/usr/bin/stty"), Path.of("/bin/stty"));

    private PseudoTerminal() {
    }

    /** Returns the {@code script} executable, if installed. */
    public static Optional<Path> locate() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Returns {@code argv} wrapped to run on a new pseudo-terminal by {@code script}. */
    public static List<String> wrap(Path script, List<String> argv) {
        return wrap(script, argv, Optional.empty());
    }

    /** Returns {@code argv} wrapped to run on a new pseudo-terminal of {@code size} (if given) by {@code script}. */
    public static List<String> wrap(Path script, List<String> argv, Optional<TerminalSize> size) {
        String command = argv.stream().map(PseudoTerminal::quote).collect(Collectors.joining(" "));
        if (size.isPresent()) {
            command = "stty cols " + size.get().width() + " rows " + size.get().height() + " 2>/dev/null; exec "
                    + command;
        }
        return List.of(script.toString(), "-q", "-f", "-e", "-c", command, "/dev/null");
    }

    /**
     * The slave device of the terminal {@code script} allocated: the stdin of its child, once that child has set it
     * up; empty before that or when {@code script} has ended.
     */
    public static Optional<Path> slaveOf(ProcessHandle script) {
        return script.children().map(child -> {
            try {
                Path target = Files.readSymbolicLink(Path.of("/proc", Long.toString(child.pid()), "fd", "0"));
                return target.toString().startsWith("/dev/pts/") ? target : null;
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }).filter(p -> p != null).findFirst();
    }

    /**
     * Sets the size of the terminal whose slave is {@code slave} ({@code stty -F}); the terminal's foreground process
     * group gets SIGWINCH.
     *
     * @throws IOException when stty is missing or fails
     */
    public static void resize(Path slave, TerminalSize size) throws IOException {
        Path stty = STTY.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IOException(
                "stty is not installed"));
        Process p = new ProcessBuilder(stty.toString(), "-F", slave.toString(), "cols", Integer.toString(size.width()),
                "rows", Integer.toString(size.height())).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("stty -F " + slave + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while resizing", e);
        }
    }

    /** Single-quotes a word for {@code /bin/sh}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
