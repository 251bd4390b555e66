package io.strata.agent.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small image built in memory for tests (gzip layers, config, manifest in OCI or Docker schema2 form) and pushed to a
 * registry through its push API: POST uploads, PUT ?digest=, PUT manifest.
 */
final class TestImage {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<byte[]> layers = new ArrayList<>();
    final List<String> diffIds = new ArrayList<>();
    byte[] config;
    final String architecture;

    TestImage(String architecture, String cmd, byte[]... tars) {
        this.architecture = architecture;
        for (byte[] tar : tars) {
            layers.add(TarBuilder.gzip(tar));
            diffIds.add(Digests.of(tar));
        }
        config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"" + cmd + "\"],"
                + "\"Env\":[\"PATH=/bin\"],\"WorkingDir\":\"/\",\"StopSignal\":\"SIGQUIT\","
                + "\"ExposedPorts\":{\"80/tcp\":{}},\"Labels\":{\"k\":\"v\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + quoted(diffIds) + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Makes the config claim {@code diffId} for the first layer, so that unpacking must fail verification. */
    TestImage lyingAboutFirstDiffId(String diffId) {
        config = new String(config, StandardCharsets.UTF_8).replace(diffIds.getFirst(), diffId)
                .getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The manifest JSON: OCI (no mediaType field, like umoci) or Docker schema2. */
    byte[] manifest(boolean oci) {
        String configType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json";
        String layerType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip";
        List<String> descriptors = new ArrayList<>();
        for (byte[] layer : layers) {
            descriptors.add(descriptor(layerType, layer));
        }
        return ("{\"schemaVersion\":2," + (oci ? "" : "\"mediaType\":\"" + Manifests.DOCKER_MANIFEST + "\",")
                + "\"config\":" + descriptor(configType, config) + ",\"layers\":[" + String.join(",", descriptors) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI index over manifests already pushed, each given as digest -> architecture. */
    static byte[] index(Map<byte[], String> manifests) {
        List<String> entries = new ArrayList<>();
        manifests.forEach((manifest, architecture) -> entries.add("{\"mediaType\":\"" + Manifests.OCI_MANIFEST
                + "\",\"digest\":\"" + Digests.of(manifest) + "\",\"size\":" + manifest.length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + architecture + "\"}}"));
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes blobs and the manifest under {@code tag}; returns the manifest digest. */
    String push(String registry, String repository, String tag, boolean oci) {
        pushBlob(registry, repository, config);
        layers.forEach(layer -> pushBlob(registry, repository, layer));
        return pushManifest(registry, repository, tag, oci ? Manifests.OCI_MANIFEST : Manifests.DOCKER_MANIFEST,
                manifest(oci));
    }

    Map<String, byte[]> blobs() {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digests.of(config), config);
        layers.forEach(layer -> blobs.put(Digests.of(layer), layer));
        return blobs;
    }

    static void pushBlob(String registry, String repository, byte[] blob) {
        HttpResponse<String> start = send(HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create("http://" + registry + "/").resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + Digests.of(blob)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), 201);
    }

    static String pushManifest(String registry, String repository, String tag, String mediaType, byte[] manifest) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), 201);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode()
                        + " " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String descriptor(String mediaType, byte[] blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digests.of(blob) + "\",\"size\":" + blob.length + "}";
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "\"" + v + "\"").toList());
    }
}
