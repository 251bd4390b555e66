package io.strata.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real /usr/bin/kubectl against a server with a private kubeconfig and HOME (fresh discovery cache). */
public final class Kubectl {

    /** Where the real kubectl is installed on Strata machines. */
    public static final Path BINARY = Path.of("/usr/bin/kubectl");

    /** The outcome of one invocation. */
    public record Result(int exit, String out, String err) {
    }

    private final Path home;
    private final Path kubeconfig;

    /** Writes a kubeconfig for {@code url} into {@code dir}. */
    public Kubectl(String url, Path dir) throws IOException {
        this.home = dir;
        this.kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: %s
                  name: strata
                contexts:
                - context:
                    cluster: strata
                    namespace: default
                  name: strata
                current-context: strata
                users: []
                """.formatted(url));
    }

    /** Whether kubectl is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Writes a manifest file in the temp dir and returns its path. */
    public Path file(String name, String content) throws IOException {
        Path p = home.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** Runs kubectl with {@code args}, waiting up to 60 s. */
    public Result run(String... args) throws IOException, InterruptedException {
        return start(args).await(60);
    }

    /** A started kubectl process. */
    public final class Running {
        private final Process process;
        private final Path out;
        private final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** The stdout written so far. */
        public String outSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** Waits for the exit (killing after {@code seconds}) and returns the result. */
        public Result await(int seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        /** Kills the process. */
        public void kill() {
            process.destroyForcibly();
        }
    }

    /** Starts kubectl without waiting. */
    public Running start(String... args) throws IOException {
        return start(Map.of(), null, command(args));
    }

    /**
     * Starts {@code command} (kubectl, or a program that runs it) with kubectl's HOME and kubeconfig, {@code env}
     * added and its stdin read from {@code input} (null: a pipe nobody writes).
     */
    public Running start(Map<String, String> env, Path input, List<String> command) throws IOException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().putAll(env);
        return new Running(pb.start(), out, err);
    }

    /** Runs kubectl with {@code args}, {@code env} added and stdin from {@code input} (null: none), up to 60 s. */
    public Result run(Map<String, String> env, Path input, String... args) throws IOException, InterruptedException {
        return start(env, input, command(args)).await(60);
    }

    /**
     * Runs kubectl inside util-linux {@code script} on a terminal of {@code width}x{@code height} (set by stty before
     * kubectl starts, so kubectl reads it and sends it as its first resize), {@code env} added, up to 60 s.
     */
    public Result inTerminal(Map<String, String> env, int width, int height, String... args)
            throws IOException, InterruptedException {
        String line = "stty cols " + width + " rows " + height + "; exec " + String.join(" ", command(args));
        return start(env, null, List.of("script", "-q", "-e", "-c", line, "/dev/null")).await(60);
    }

    /** kubectl's command line with {@code args}. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        return command;
    }
}
