package io.strata.agent;

import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.core.resources.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's total resources: the fingerprint of this host (cpus, memory less a reserve, the work
 * directory's disk less a reserve, ports 31000-32000) with every resource named in {@code --resources}
 * taking the place of the fingerprinted one, as in Mesos.
 */
public final class AgentResources {
    private AgentResources() {
    }

    /** The host fingerprint with the given overrides applied. */
    public static Resources total(String overrides, Path workDir) {
        Resources given = overrides.isBlank() ? Resources.EMPTY : ResourceParser.parse(overrides, Resource.UNRESERVED);
        List<Resource> out = new ArrayList<>(given.asList());
        if (!given.names().contains(Resource.CPUS)) {
            out.add(Resource.scalar(Resource.CPUS, Runtime.getRuntime().availableProcessors()));
        }
        if (!given.names().contains(Resource.MEM)) {
            long totalMb = memTotalMb();
            // Mesos: total - min(1 GB, 50%)
            out.add(Resource.scalar(Resource.MEM, Math.max(32, totalMb - Math.min(1024, totalMb / 2))));
        }
        if (!given.names().contains(Resource.DISK)) {
            long diskMb = 10 * 1024;
            try {
                long usable = Files.getFileStore(workDir).getUsableSpace() / (1024 * 1024);
                diskMb = Math.max(0, usable - Math.min(5 * 1024, usable / 2));
            } catch (IOException e) {
                // Mesos' default when the disk cannot be measured
            }
            out.add(Resource.scalar(Resource.DISK, diskMb));
        }
        if (!given.names().contains(Resource.PORTS)) {
            out.add(Resource.ports(31000, 32000));
        }
        return Resources.of(out);
    }

    private static long memTotalMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to Mesos' default
        }
        return 1024;
    }
}
