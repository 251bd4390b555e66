package io.strata.agent.oci;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only, sealed in-memory copy of the OCI runtime's executable, run instead of the installed file so that
 * {@code runc init} does not protect itself again for every container.
 *
 * <p>Why: against CVE-2019-5736 (a container overwriting the host's runc through {@code /proc/self/exe}), every
 * {@code runc init} checks whether it runs from a safe copy and, if not, makes one and re-executes itself (runc
 * 1.1.5 on Debian 12: a read-only bind mount of itself, a second {@code execve} of the 8.7 MB Go binary, and an
 * unmount; older runc copies the binary into a memfd). runc accepts, without any of that, an executable that is a
 * memfd sealed against writing, shrinking and growing and against further seal changes ({@code is_self_cloned()}
 * in {@code libcontainer/nsenter/cloned_binary.c}: "an admin could bind-mount a sealed memfd to /usr/bin/runc").
 * Such a memfd cannot be modified by anyone, so sharing it between containers keeps the protection.
 *
 * <p>How: Java 21 cannot call {@code memfd_create}, so Perl (essential on Debian, always installed) makes the copy:
 * {@code memfd_create(MFD_ALLOW_SEALING|MFD_EXEC)}, the binary copied in, {@code F_ADD_SEALS} with exactly runc's
 * seal set, then it waits; this JVM opens the memfd through {@code /proc/<perl>/fd/<n>} and keeps that descriptor
 * open for its lifetime (one per binary), and Perl exits. Runtimes execute it through a symbolic link
 * ({@code <dir>/<name> -> /proc/<this JVM>/fd/<m>}) so that their processes keep their usual name. Anything failing
 * (no Perl, an architecture without a known syscall number, {@code vm.memfd_noexec}) leaves the installed binary in
 * use; the copy is an optimisation, never a requirement.
 */
public final class SealedExecutable {
    private static final Logger LOG = LoggerFactory.getLogger(SealedExecutable.class);
    private static final Path PERL = Path.of("/usr/bin/perl");
    /** {@code memfd_create}'s syscall number per {@code os.arch}. */
    private static final Map<String, String> MEMFD_CREATE = Map.of("amd64", "319", "x86_64", "319", "aarch64", "279");
    /**
     * Arguments: source binary, memfd name, memfd_create's syscall number. Prints "pid fd" once sealed, then waits
     * for stdin to end. F_ADD_SEALS = 1033, F_GET_SEALS = 1034; 15 = F_SEAL_SEAL|SHRINK|GROW|WRITE (runc's set: an
     * extra F_SEAL_EXEC would make runc's equality check fail).
     */
    static final String SCRIPT = """
            use strict;
            my ($src, $name, $nr) = @ARGV;
            my $fd = syscall($nr + 0, $name, 0x12);
            $fd = syscall($nr + 0, $name, 0x2) if $fd < 0;
            die "memfd_create: $!\\n" if $fd < 0;
            open(my $out, "+<&=", $fd) or die "fdopen: $!\\n";
            open(my $in, "<", $src) or die "$src: $!\\n";
            binmode $in; binmode $out;
            my $buf;
            while (my $n = sysread($in, $buf, 1 << 20)) {
              my $off = 0;
              while ($off < $n) { my $w = syswrite($out, $buf, $n - $off, $off); die "write: $!\\n" unless $w; $off += $w; }
            }
            fcntl($out, 1033, 15) or die "F_ADD_SEALS: $!\\n";
            fcntl($out, 1034, 0) == 15 or die "seals not set\\n";
            $| = 1;
            print "$$ $fd\\n";
            <STDIN>;
            """;
    /** The open memfd of each binary copied so far (kept open for the JVM's lifetime) and its descriptor path. */
    private static final Map<Path, Optional<Path>> COPIES = new ConcurrentHashMap<>();
    /** Held so that the memfds stay alive; never read. */
    private static final List<FileChannel> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SealedExecutable() {
    }

    /**
     * Returns a symbolic link {@code linkDir/<binary's name>} to this JVM's sealed copy of {@code binary} (made on
     * the first call for that binary), checked by running it with {@code --version}; empty if no copy can be made
     * here (the reason is logged), in which case the caller runs {@code binary} itself.
     */
    public static Optional<Path> link(Path binary, Path linkDir) {
        Optional<Path> descriptor = COPIES.computeIfAbsent(binary, SealedExecutable::copy);
        if (descriptor.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(linkDir);
            Path link = linkDir.resolve(binary.getFileName().toString());
            Path tmp = linkDir.resolve(binary.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, descriptor.get());
            Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Process check = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                check.destroyForcibly();
                LOG.warn("the sealed copy of {} does not run; using the installed file", binary);
                return Optional.empty();
            }
            return Optional.of(link);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot link the sealed copy of {}: {}; using the installed file", binary, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Makes the sealed copy and returns {@code /proc/<this JVM>/fd/<n>} of the descriptor holding it. */
    private static Optional<Path> copy(Path binary) {
        String syscall = MEMFD_CREATE.get(System.getProperty("os.arch"));
        if (syscall == null || !Files.isExecutable(PERL)) {
            LOG.info("no sealed copy of {}: needs {} on x86_64 or aarch64", binary, PERL);
            return Optional.empty();
        }
        String name = "strata-" + binary.getFileName() + "-" + ProcessHandle.current().pid();
        Process perl = null;
        try {
            perl = new ProcessBuilder(PERL.toString(), "-e", SCRIPT, binary.toString(), name, syscall)
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(perl.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line = out.readLine(); // Perl prints it once sealed, or dies (end of stream)
            if (line == null || !line.matches("[0-9]+ [0-9]+")) {
                String error = new String(perl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                LOG.warn("no sealed copy of {}: {}", binary, error.isEmpty() ? "perl printed " + line : error);
                return Optional.empty();
            }
            String[] pidFd = line.split(" ");
            FileChannel held = FileChannel.open(Path.of("/proc", pidFd[0], "fd", pidFd[1]), StandardOpenOption.READ);
            if (held.size() != Files.size(binary)) {
                held.close();
                LOG.warn("no sealed copy of {}: the copy has the wrong size", binary);
                return Optional.empty();
            }
            HELD.add(held);
            Optional<Path> own = ownDescriptor("/memfd:" + name + " (deleted)");
            if (own.isEmpty()) {
                LOG.warn("no sealed copy of {}: its descriptor is not in /proc/self/fd", binary);
            } else {
                LOG.info("running {} from a sealed copy ({}): runc init skips its per-container re-copy", binary,
                        own.get());
            }
            return own;
        } catch (IOException e) {
            LOG.warn("no sealed copy of {}: {}", binary, e.toString());
            return Optional.empty();
        } finally {
            if (perl != null) {
                try {
                    perl.getOutputStream().close(); // Perl's stdin ends: it exits; our descriptor keeps the memfd
                    if (!perl.waitFor(10, TimeUnit.SECONDS)) {
                        perl.destroyForcibly();
                    }
                } catch (IOException e) {
                    perl.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    perl.destroyForcibly();
                }
            }
        }
    }

    /** The {@code /proc/<pid>/fd/<n>} path of this JVM's descriptor whose link reads {@code target}. */
    private static Optional<Path> ownDescriptor(String target) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target)) {
                        return Optional.of(Path.of("/proc", pid, "fd", fd.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // a descriptor closed while listing
                }
            }
        }
        return Optional.empty();
    }
}
