package io.strata.agent.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A persistent network namespace bound to a file, shared by every process of a task group (the pod's "infra"
 * namespace without an infra process): {@code unshare --net=<file>} creates it and bind-mounts it on the file, so it
 * lives while the file stays mounted, with no process in it and across agent restarts. Processes join it with
 * {@code nsenter --net=<file>}; a runc container joins it through a {@code network} namespace entry with this path.
 * Its loopback is brought up at creation, so members reach each other on {@code 127.0.0.1}.
 */
public final class NetworkNamespace {
    static final String UNSHARE = "/usr/bin/unshare";
    /** util-linux nsenter, with which the agent runs commands in a task's namespaces (relays, probes, exec). */
    public static final String NSENTER = "/usr/bin/nsenter";
    static final String IP = "/usr/sbin/ip";

    private NetworkNamespace() {
    }

    /**
     * Creates a namespace bound to {@code file} (created empty first) with its loopback up.
     *
     * @throws OciException when the namespace cannot be created or configured; a half-created one is removed
     */
    public static void create(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new OciException("cannot create the namespace file " + file + ": " + e.getMessage(), e);
        }
        try {
            run(List.of(UNSHARE, "--net=" + file, "/bin/true"));
            run(List.of(NSENTER, "--net=" + file, IP, "link", "set", "lo", "up"));
        } catch (OciException e) {
            remove(file);
            throw e;
        }
    }

    /** Whether {@code file} holds a bound namespace (it is a mount point of the nsfs kind). */
    public static boolean exists(Path file) {
        try {
            String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
            String target = " " + file.toAbsolutePath() + " ";
            return mounts.lines().anyMatch(line -> line.contains(target) && line.contains(" nsfs "));
        } catch (IOException e) {
            return false;
        }
    }

    /** Unmounts and deletes the namespace file; the kernel frees the namespace once no process is left in it. */
    public static void remove(Path file) {
        if (exists(file)) {
            try {
                run(List.of("/usr/bin/umount", file.toString()));
            } catch (OciException e) {
                // try a lazy unmount: a process may still hold the mount point busy
                run(List.of("/usr/bin/umount", "-l", file.toString()));
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new OciException("cannot delete the namespace file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The argument vector that runs {@code argv} inside the namespace ({@code nsenter} execs it, same pid). */
    public static List<String> enter(Path file, List<String> argv) {
        List<String> out = new ArrayList<>(List.of(NSENTER, "--net=" + file, "--"));
        out.addAll(argv);
        return out;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new OciException(String.join(" ", command) + " did not finish within 30 s");
            }
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.exitValue() != 0) {
                throw new OciException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new OciException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while running " + command.get(0), e);
        }
    }
}
