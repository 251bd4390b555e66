package io.strata.agent;

import io.strata.agent.oci.NamespaceRelay;
import io.strata.agent.oci.NetworkMode;
import io.strata.agent.oci.PortForwarder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an image task needs beyond a plain one: where its bundle and root filesystem live, its stop signal and
 * network, and (private network) the relay into its namespace and the host ports forwarded to it. Guarded by
 * the owning {@link Container}'s monitor.
 */
final class ImageRun {
    final Path bundleDir;
    /** The digest of the image's manifest: what garbage collection must keep while the container lives. */
    final String manifestDigest;
    final String stopSignal;
    final NetworkMode network;
    /** Pairs of (host port, container port) for a private network. */
    final List<int[]> portMappings;
    NamespaceRelay relay;
    final List<PortForwarder> forwarders = new ArrayList<>();

    ImageRun(Path bundleDir, String manifestDigest, String stopSignal, NetworkMode network, List<int[]> portMappings) {
        this.bundleDir = bundleDir;
        this.manifestDigest = manifestDigest;
        this.stopSignal = stopSignal;
        this.network = network;
        this.portMappings = List.copyOf(portMappings);
    }
}
