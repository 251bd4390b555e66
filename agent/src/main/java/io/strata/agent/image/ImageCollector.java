package io.strata.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of an {@link ImageStore} directory: mark what the remaining references and the in-use images
 * reach (manifests, configs, layer blobs, unpacked layers), sweep the rest. The caller excludes concurrent pulls.
 */
final class ImageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCollector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    ImageCollector(Path root) {
        this.root = root;
    }

    /** The file that records what {@code name} (a canonical reference) resolved to. */
    static Path refPath(Path root, String name) {
        return root.resolve("refs").resolve(URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    /** Bytes used: every blob plus the recorded content size of every unpacked layer. */
    long usage() throws IOException {
        long total = 0;
        for (Path blob : list(root.resolve("blobs/sha256"))) {
            total += sizeOf(blob);
        }
        for (Path layer : list(root.resolve("layers/sha256"))) {
            if (Files.isDirectory(layer)) {
                total += layerSize(layer);
            }
        }
        return total;
    }

    /** Removes unused references, oldest pull first, sweeping after each, until usage is at most {@code maxBytes}. */
    long collect(long maxBytes, Set<String> inUse) throws IOException {
        long usage = usage();
        if (usage <= maxBytes) {
            return 0;
        }
        List<Path> refs = list(root.resolve("refs")).stream()
                .sorted(Comparator.comparing(ImageCollector::modified)).toList();
        long freed = 0;
        for (Path ref : refs) {
            if (protectedRef(ref, inUse)) {
                continue;
            }
            Files.deleteIfExists(ref);
            freed += sweep(inUse);
            if (usage - freed <= maxBytes) {
                break;
            }
        }
        LOG.info("image store {}: freed {} bytes ({} -> {}, threshold {})", root, freed, usage, usage - freed, maxBytes);
        return freed;
    }

    private boolean protectedRef(Path ref, Set<String> inUse) throws IOException {
        List<String> lines = Files.readAllLines(ref);
        return lines.stream().anyMatch(inUse::contains);
    }

    /** Deletes blobs and layers reachable from neither a reference nor an in-use digest; returns the bytes freed. */
    private long sweep(Set<String> inUse) throws IOException {
        Set<String> blobs = new HashSet<>();
        Set<String> diffIds = new HashSet<>();
        Deque<String> roots = new ArrayDeque<>();
        inUse.stream().filter(Digests::isSha256).forEach(roots::add);
        for (Path ref : list(root.resolve("refs"))) {
            Files.readAllLines(ref).stream().filter(Digests::isSha256).forEach(roots::add);
        }
        while (!roots.isEmpty()) {
            mark(roots.pop(), blobs, diffIds, roots);
        }
        long freed = 0;
        for (Path blob : list(root.resolve("blobs/sha256"))) {
            if (!blobs.contains("sha256:" + blob.getFileName())) {
                freed += sizeOf(blob);
                Files.deleteIfExists(blob);
            }
        }
        for (Path layer : list(root.resolve("layers/sha256"))) {
            String name = layer.getFileName().toString();
            if (Files.isDirectory(layer) && !diffIds.contains("sha256:" + name)) {
                freed += layerSize(layer);
                Files.deleteIfExists(layer.resolveSibling(name + ".size"));
                LayerExtractor.deleteTree(layer);
            }
        }
        return freed;
    }

    /** Marks {@code digest} and queues what its JSON names (index entries, config, layers; a config's diff_ids). */
    private void mark(String digest, Set<String> blobs, Set<String> diffIds, Deque<String> roots) {
        if (!blobs.add(digest)) {
            return;
        }
        Path blob = root.resolve("blobs/sha256").resolve(Digests.hex(digest));
        JsonNode json;
        try {
            if (!Files.exists(blob) || sizeOf(blob) > (4 << 20)) {
                return; // missing, or a layer: nothing to follow
            }
            json = JSON.readTree(blob.toFile());
        } catch (IOException e) {
            return; // not JSON: a (small) layer blob
        }
        if (json == null || !json.isObject()) {
            return;
        }
        json.path("manifests").forEach(entry -> roots.add(entry.path("digest").asText("")));
        roots.add(json.path("config").path("digest").asText(""));
        json.path("layers").forEach(layer -> roots.add(layer.path("digest").asText("")));
        json.path("rootfs").path("diff_ids").forEach(id -> diffIds.add(id.asText("")));
        roots.removeIf(d -> !Digests.isSha256(d));
    }

    private long layerSize(Path layer) {
        try {
            return Long.parseLong(Files.readString(layer.resolveSibling(layer.getFileName() + ".size")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> !p.getFileName().toString().endsWith(".size")).toList();
        }
    }
}
