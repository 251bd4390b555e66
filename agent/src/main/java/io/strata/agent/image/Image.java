package io.strata.agent.image;

import java.nio.file.Path;
import java.util.List;

/**
 * A pulled image ready to run: its reference, the digest of the manifest that was pulled, its runtime
 * configuration and its unpacked layers, lowest first (each a read-only directory in the agent's image store).
 */
public record Image(String reference, String manifestDigest, ImageConfig config, List<Path> layers) {
    public Image {
        layers = List.copyOf(layers);
    }
}
