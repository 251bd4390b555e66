package io.strata.agent;

import io.strata.agent.fingerprint.Fingerprint;
import io.strata.agent.fingerprint.Fingerprinter;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.core.resources.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's total resources: the {@link Fingerprinter}'s view of this host (cpus, memory and the work
 * directory's disk less Mesos' reserves, ports 31000-32000, GPUs where nvidia-smi finds some) with every resource
 * named in {@code --resources} taking the place of the fingerprinted one, as in Mesos.
 */
public final class AgentResources {
    private AgentResources() {
    }

    /** The host fingerprint with the given overrides applied. */
    public static Resources total(String overrides, Path workDir) {
        Resources given = overrides.isBlank() ? Resources.EMPTY : ResourceParser.parse(overrides, Resource.UNRESERVED);
        if (given.names().containsAll(List.of(Resource.CPUS, Resource.MEM, Resource.DISK, Resource.PORTS))) {
            return given; // nothing left to measure
        }
        return withFingerprint(given, new Fingerprinter(workDir).fingerprint());
    }

    /** Adds every resource of the fingerprint that {@code given} does not name. */
    static Resources withFingerprint(Resources given, Fingerprint host) {
        List<Resource> out = new ArrayList<>(given.asList());
        if (!given.names().contains(Resource.CPUS)) {
            out.add(Resource.scalar(Resource.CPUS, host.cpus()));
        }
        if (!given.names().contains(Resource.MEM)) {
            out.add(Resource.scalar(Resource.MEM, host.memMb()));
        }
        if (!given.names().contains(Resource.DISK)) {
            out.add(Resource.scalar(Resource.DISK, host.diskMb()));
        }
        if (!given.names().contains(Resource.PORTS) && !host.portRanges().isEmpty()) {
            out.add(Resource.ports(host.portRanges().stream()
                    .flatMapToLong(r -> java.util.stream.LongStream.of(r.begin(), r.end())).toArray()));
        }
        if (!given.names().contains(Resource.GPUS) && host.gpus() > 0) {
            out.add(Resource.scalar(Resource.GPUS, host.gpus()));
        }
        return Resources.of(out);
    }
}
