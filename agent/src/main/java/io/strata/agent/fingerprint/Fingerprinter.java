package io.strata.agent.fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Measures this host's resources.
 *
 * <p>Worked example for a 24 GiB host with a 100 GiB free work-directory file system: memory
 * {@code 24576 - min(1024, 12288) = 23552} MB, disk {@code 102400 - min(5120, 51200) = 97280} MB. Small hosts keep
 * half: 1.5 GiB of memory gives {@code 1536 - 768 = 768} MB.
 */
public final class Fingerprinter {

    static final long MB = 1024 * 1024;
    /** The memory kept for the system: at most 1 GiB, at most half. */
    static final long MEMORY_RESERVE_MB = 1024;
    /** The disk kept for the system: at most 5 GiB, at most half. */
    static final long DISK_RESERVE_MB = 5 * 1024;
    static final String NVIDIA_SMI = "nvidia-smi";
    private static final Duration GPU_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final Path workDir;
    private final Path meminfo;

    /** Creates a fingerprinter for the file system holding {@code workDir}. */
    public Fingerprinter(Path workDir) {
        this(workDir, Path.of("/proc/meminfo"));
    }

    Fingerprinter(Path workDir, Path meminfo) {
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.meminfo = Objects.requireNonNull(meminfo, "meminfo");
    }

    /** Measures the host; never fails on a missing GPU tool, and falls back to the JVM's view of memory. */
    public Fingerprint fingerprint() {
        return new Fingerprint(Runtime.getRuntime().availableProcessors(), memoryMb(totalMemoryBytes()),
                diskMb(usableDiskBytes()), List.of(PortRange.DEFAULT), gpus());
    }

    /** Returns the memory to offer in MB: total minus {@code min(1 GiB, total / 2)}. */
    static long memoryMb(long totalBytes) {
        long totalMb = totalBytes / MB;
        return totalMb - Math.min(MEMORY_RESERVE_MB, totalMb / 2);
    }

    /** Returns the disk to offer in MB: usable space minus {@code min(5 GiB, usable / 2)}. */
    static long diskMb(long usableBytes) {
        long usableMb = usableBytes / MB;
        return usableMb - Math.min(DISK_RESERVE_MB, usableMb / 2);
    }

    /** Parses {@code MemTotal} (in kB) from the text of {@code /proc/meminfo}, returning bytes. */
    static OptionalLong parseMemTotalBytes(String meminfoText) {
        for (String line : meminfoText.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] fields = line.substring("MemTotal:".length()).trim().split("\\s+");
                long value = Long.parseLong(fields[0]);
                boolean kilobytes = fields.length < 2 || fields[1].equalsIgnoreCase("kB");
                return OptionalLong.of(kilobytes ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }

    /** Counts GPUs in the output of {@code nvidia-smi --query-gpu=index --format=csv,noheader}: one index per line. */
    static int parseGpuCount(String output) {
        return (int) output.lines().map(String::trim).filter(line -> line.matches("\\d+")).count();
    }

    private long totalMemoryBytes() {
        try {
            OptionalLong parsed = parseMemTotalBytes(Files.readString(meminfo));
            if (parsed.isPresent()) {
                return parsed.getAsLong();
            }
        } catch (IOException | NumberFormatException e) {
            // Fall through to the JVM's view.
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private long usableDiskBytes() {
        try {
            Path existing = workDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Runs {@code nvidia-smi} if it is on the PATH; zero GPUs on any failure. */
    int gpus() {
        if (!onPath(NVIDIA_SMI)) {
            return 0;
        }
        try {
            Process process = new ProcessBuilder(NVIDIA_SMI, "--query-gpu=index", "--format=csv,noheader")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(GPU_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return 0;
            }
            return process.exitValue() == 0 ? parseGpuCount(output) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
