package io.strata.agent;

import io.strata.agent.oci.NetworkMode;
import io.strata.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a restarted agent needs to take a running image container back: the image it uses, its stop signal and its
 * network, kept as {@value #FILE} in the container directory.
 *
 * @param portMappings (host port, container port) pairs of a private network
 */
record ImageRunCheckpoint(String manifestDigest, String stopSignal, NetworkMode network, List<int[]> portMappings) {
    /** The checkpoint's file name in the container directory (the bundle directory). */
    static final String FILE = "strata-run.json";

    /** Writes the settings of {@code run} into its bundle directory. */
    static void write(ImageRun run) {
        try {
            Files.write(run.bundleDir.resolve(FILE), Json.toBytes(
                    new ImageRunCheckpoint(run.manifestDigest, run.stopSignal, run.network, run.portMappings)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint the container's run settings", e);
        }
    }

    /** Reads the checkpoint of the container whose directory is {@code containerDir}. */
    static ImageRunCheckpoint read(Path containerDir) throws IOException {
        return Json.parse(Files.readAllBytes(containerDir.resolve(FILE)), ImageRunCheckpoint.class);
    }
}
