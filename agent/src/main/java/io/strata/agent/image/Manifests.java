package io.strata.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsing of OCI and Docker schema2 manifests, indexes and image configs (the JSON documents of a pull). */
final class Manifests {
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Every manifest type we can use, for the mandatory Accept header (a registry hides OCI content without it). */
    static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);
    static final String PLATFORM = "linux/amd64";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** A manifest document as the registry sent it: media type (from Content-Type or the body) and exact bytes. */
    record Document(String mediaType, String digest, byte[] body) {
        boolean isIndex() {
            return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
        }
    }

    /** A blob named by a manifest. */
    record Descriptor(String mediaType, String digest, long size) {
    }

    /** A single-platform manifest: the config blob and the layer blobs, lowest first. */
    record Manifest(Descriptor config, List<Descriptor> layers) {
    }

    /** The parts of the image config JSON a pull needs. */
    record Config(ImageConfig runtime, List<String> diffIds, String platform) {
    }

    /** The media type of a manifest body: the {@code Content-Type} when it names one, else the body's field. */
    static String mediaType(String contentType, byte[] body) throws IOException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (type.isEmpty() || type.equals("application/json") || type.equals("application/octet-stream")) {
            type = JSON.readTree(body).path("mediaType").asText("");
            if (type.isEmpty() && JSON.readTree(body).has("manifests")) {
                type = OCI_INDEX;
            } else if (type.isEmpty()) {
                type = OCI_MANIFEST;
            }
        }
        return type;
    }

    /**
     * The digest of the linux/amd64 manifest in an index or list.
     *
     * @throws ImagePullException NO_PLATFORM listing the platforms offered
     */
    static String selectPlatform(String image, byte[] index) throws IOException {
        Set<String> offered = new LinkedHashSet<>();
        for (JsonNode entry : JSON.readTree(index).path("manifests")) {
            JsonNode platform = entry.path("platform");
            String name = platform.path("os").asText("?") + "/" + platform.path("architecture").asText("?");
            if (name.equals(PLATFORM)) {
                return requireDigest(image, entry.path("digest").asText(""));
            }
            if (!name.equals("unknown/unknown")) { // attestation manifests of buildx images
                offered.add(name + (platform.has("variant") ? "/" + platform.path("variant").asText() : ""));
            }
        }
        throw new ImagePullException(image, ImagePullException.Reason.NO_PLATFORM,
                "no " + PLATFORM + " image in the index (platforms: "
                        + (offered.isEmpty() ? "none" : String.join(", ", offered)) + ")");
    }

    /** Parses a single-platform OCI or Docker schema2 manifest. */
    static Manifest manifest(String image, byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root.path("schemaVersion").asInt(0) != 2 || !root.path("config").isObject()) {
            throw new ImagePullException(image, ImagePullException.Reason.INVALID,
                    "unsupported manifest (schemaVersion " + root.path("schemaVersion").asText("?") + ")");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(descriptor(image, layer));
        }
        return new Manifest(descriptor(image, root.path("config")), List.copyOf(layers));
    }

    /** Parses an image config JSON. */
    static Config config(String image, byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode config = root.path("config");
        List<String> diffIds = new ArrayList<>();
        for (JsonNode diffId : root.path("rootfs").path("diff_ids")) {
            diffIds.add(requireDigest(image, diffId.asText("")));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Set<String> ports = new LinkedHashSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        ImageConfig runtime = new ImageConfig(strings(config.path("Entrypoint")), strings(config.path("Cmd")),
                strings(config.path("Env")), config.path("WorkingDir").asText(""), config.path("User").asText(""),
                config.path("StopSignal").asText(""), ports, labels);
        String platform = root.path("os").asText("linux") + "/" + root.path("architecture").asText("amd64");
        return new Config(runtime, List.copyOf(diffIds), platform);
    }

    private static Descriptor descriptor(String image, JsonNode node) {
        return new Descriptor(node.path("mediaType").asText(""), requireDigest(image, node.path("digest").asText("")),
                node.path("size").asLong(-1));
    }

    private static String requireDigest(String image, String digest) {
        if (!Digests.isSha256(digest)) {
            throw new ImagePullException(image, ImagePullException.Reason.INVALID,
                    "unsupported digest '" + digest + "' (only sha256)");
        }
        return digest;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asText());
        }
        return values;
    }
}
