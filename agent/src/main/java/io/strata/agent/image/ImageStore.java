package io.strata.agent.image;

import io.strata.agent.image.ImagePullException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's image store: pulls images from registries into a content-addressed cache of blobs and unpacked layers
 * shared by every container of the agent.
 *
 * <p>Layout under the root: {@code blobs/sha256/<hex>} (manifests, configs, compressed layers, each verified before
 * it is renamed into place), {@code layers/sha256/<diff_id hex>/} (unpacked read-only layers, with a
 * {@code <hex>.size} file beside each), {@code refs/<encoded reference>} (the manifest digests a reference resolved
 * to; its modification time is the last pull) and {@code tmp/} (work in progress, emptied on start). A layer
 * directory exists only once it is complete and its diff_id verified, so nothing corrupt is ever visible.
 *
 * <p>Concurrent pulls of one reference share one pull; concurrent pulls of images with common blobs or layers share
 * their download and unpacking. A tag is resolved at the registry on every pull (tags move); a digest reference whose
 * content is cached needs no registry. One store per directory per process.
 */
public final class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);

    private final Path root;
    private final RegistryClient client;
    private final String defaultRegistry;
    private final Map<String, CompletableFuture<Image>> pulls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Path>> blobs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Path>> layers = new ConcurrentHashMap<>();
    /** Pulls hold it shared, garbage collection exclusively: gc never sweeps what a pull is writing. */
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();

    /**
     * A store rooted at {@code root} (created if missing; leftovers of interrupted pulls are removed).
     *
     * @param defaultRegistry host[:port] for references that name no registry (see {@link ImageReference#parse})
     */
    public ImageStore(Path root, RegistryClient client, String defaultRegistry) {
        this.root = root;
        this.client = client;
        this.defaultRegistry = defaultRegistry;
        try {
            for (String directory : List.of("blobs/sha256", "layers/sha256", "refs")) {
                Files.createDirectories(root.resolve(directory));
            }
            LayerExtractor.deleteTree(root.resolve("tmp"));
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare image store " + root, e);
        }
    }

    /** The directory this store lives in. */
    public Path root() {
        return root;
    }

    /**
     * Pulls {@code reference} (unless cached) and returns it with its unpacked layers, lowest first.
     * {@link Image#reference()} is the canonical reference and {@link Image#manifestDigest()} the digest of the
     * linux/amd64 manifest (not of the index that may have led to it).
     *
     * @throws ImagePullException naming the image and the cause, for malformed references too
     */
    public Image pull(String reference) {
        ImageReference image;
        try {
            image = ImageReference.parse(reference, defaultRegistry);
        } catch (IllegalArgumentException e) {
            throw new ImagePullException(reference, Reason.INVALID, e.getMessage(), e);
        }
        return shared(pulls, image.toString(), () -> pullShared(image));
    }

    /**
     * The image {@code reference} last resolved to, if it is still complete in the store; no registry is asked (Mesos'
     * {@code Image.cached}, true by default: a cached image is used as is). Empty for an unknown or malformed
     * reference, or when garbage collection removed part of it.
     */
    public Optional<Image> local(String reference) {
        ImageReference image;
        try {
            image = ImageReference.parse(reference, defaultRegistry);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        gcLock.readLock().lock();
        try {
            Path ref = ImageCollector.refPath(root, image.toString());
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            String top = Files.readAllLines(ref, StandardCharsets.UTF_8).get(0).strip();
            Optional<Image> cached = cached(image, top);
            if (cached.isPresent()) {
                Files.setLastModifiedTime(ref, FileTime.fromMillis(System.currentTimeMillis())); // recently used
            }
            return cached;
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a ref being replaced, a half-collected image: pull it instead
        } finally {
            gcLock.readLock().unlock();
        }
    }

    /**
     * Removes images not in use, least recently pulled first, until the store uses at most {@code maxBytes}; then
     * blobs and layers no remaining image needs. Does nothing while the store is within {@code maxBytes}.
     *
     * @param inUse {@link Image#manifestDigest()} or {@link Image#reference()} values of images containers use;
     *     digests are the safer choice, since a re-pulled tag may point elsewhere by now
     * @return the bytes freed
     */
    public long gc(long maxBytes, Set<String> inUse) {
        gcLock.writeLock().lock();
        try {
            return new ImageCollector(root).collect(maxBytes, inUse);
        } catch (IOException e) {
            throw new UncheckedIOException("image store garbage collection failed in " + root, e);
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    /** The bytes the store uses: blobs plus unpacked layer content. */
    public long usage() {
        try {
            return new ImageCollector(root).usage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Image pullShared(ImageReference image) {
        gcLock.readLock().lock();
        try {
            return pullLocked(image);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImagePullException(image.toString(), Reason.INVALID, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ImagePullException(image.toString(), Reason.STORE, "image store " + root + ": " + e, e);
        } finally {
            gcLock.readLock().unlock();
        }
    }

    private Image pullLocked(ImageReference image) throws IOException {
        String name = image.toString();
        if (image.pinned()) {
            Optional<Image> cached = cached(image, image.digest());
            if (cached.isPresent()) {
                writeRef(name, image.digest(), cached.get().manifestDigest());
                return cached.get();
            }
        }
        Manifests.Document top = client.manifest(image, image.manifestReference());
        storeBlob(top.digest(), top.body());
        Manifests.Document manifest = top;
        if (top.isIndex()) {
            String digest = Manifests.selectPlatform(name, top.body());
            manifest = client.manifest(image, digest);
            storeBlob(manifest.digest(), manifest.body());
        }
        if (manifest.isIndex()) {
            throw new ImagePullException(name, Reason.INVALID, "index " + manifest.digest() + " points to an index");
        }
        Image pulled = assemble(image, manifest.digest(), manifest.body());
        writeRef(name, top.digest(), manifest.digest());
        LOG.info("image {}: pulled manifest {} ({} layers)", name, manifest.digest(), pulled.layers().size());
        return pulled;
    }

    /** Fetches what is missing of a single-platform manifest's config and layers and returns the image. */
    private Image assemble(ImageReference image, String manifestDigest, byte[] manifestBody) throws IOException {
        String name = image.toString();
        Manifests.Manifest manifest = Manifests.manifest(name, manifestBody);
        Path configBlob = blob(image, manifest.config().digest());
        Manifests.Config config = Manifests.config(name, Files.readAllBytes(configBlob));
        if (!config.platform().equals(Manifests.PLATFORM)) {
            throw new ImagePullException(name, Reason.NO_PLATFORM,
                    "image is for " + config.platform() + ", this agent runs " + Manifests.PLATFORM);
        }
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ImagePullException(name, Reason.INVALID, "manifest has " + manifest.layers().size()
                    + " layers but the config lists " + config.diffIds().size() + " diff_ids");
        }
        List<Path> unpacked = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            unpacked.add(layer(image, manifest.layers().get(i), config.diffIds().get(i)));
        }
        return new Image(name, manifestDigest, config.runtime(), unpacked);
    }

    /** The image as cached for a digest (of an index or a manifest), if everything it needs is on disk. */
    private Optional<Image> cached(ImageReference image, String digest) throws IOException {
        Path blob = blobPath(digest);
        if (!Files.exists(blob)) {
            return Optional.empty();
        }
        byte[] body = Files.readAllBytes(blob);
        String manifestDigest = digest;
        if (Manifests.mediaType("", body).equals(Manifests.OCI_INDEX)
                || Manifests.mediaType("", body).equals(Manifests.DOCKER_LIST)) {
            manifestDigest = Manifests.selectPlatform(image.toString(), body);
            if (!Files.exists(blobPath(manifestDigest))) {
                return Optional.empty();
            }
            body = Files.readAllBytes(blobPath(manifestDigest));
        }
        Manifests.Manifest manifest = Manifests.manifest(image.toString(), body);
        Path configBlob = blobPath(manifest.config().digest());
        if (!Files.exists(configBlob)) {
            return Optional.empty();
        }
        Manifests.Config config = Manifests.config(image.toString(), Files.readAllBytes(configBlob));
        List<Path> unpacked = config.diffIds().stream().map(this::layerPath).toList();
        if (!unpacked.stream().allMatch(Files::isDirectory) || unpacked.size() != manifest.layers().size()) {
            return Optional.empty();
        }
        return Optional.of(new Image(image.toString(), manifestDigest, config.runtime(), unpacked));
    }

    /** The cached blob for {@code digest}, downloaded and verified first if missing. */
    private Path blob(ImageReference image, String digest) {
        return shared(blobs, digest, () -> {
            Path target = blobPath(digest);
            if (Files.exists(target)) {
                return target;
            }
            Path temporary = root.resolve("tmp").resolve(Digests.hex(digest) + "." + UUID.randomUUID());
            try {
                client.blob(image, digest, temporary);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } catch (IOException e) {
                throw new ImagePullException(image.toString(), Reason.STORE, "image store " + root + ": " + e, e);
            } finally {
                deleteQuietly(temporary);
            }
        });
    }

    /** The unpacked layer for {@code diffId}, downloaded, unpacked and verified first if missing. */
    private Path layer(ImageReference image, Manifests.Descriptor descriptor, String diffId) {
        return shared(layers, diffId, () -> {
            Path target = layerPath(diffId);
            if (Files.isDirectory(target)) {
                return target;
            }
            Path blob = blob(image, descriptor.digest());
            Path temporary = root.resolve("tmp").resolve("layer-" + Digests.hex(diffId) + "." + UUID.randomUUID());
            try {
                Files.createDirectory(temporary);
                long bytes = unpack(image, blob, descriptor.digest(), diffId, temporary);
                Files.writeString(target.resolveSibling(Digests.hex(diffId) + ".size"), Long.toString(bytes));
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (LayerExtractor.UnsafeEntryException e) {
                deleteQuietly(blob);
                throw new ImagePullException(image.toString(), Reason.INVALID,
                        "layer " + Digests.shortForm(descriptor.digest()) + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new ImagePullException(image.toString(), Reason.STORE,
                        "layer " + Digests.shortForm(descriptor.digest()) + ": " + e, e);
            } finally {
                deleteTreeQuietly(temporary);
            }
        });
    }

    /** Unpacks a verified layer blob into {@code directory}, checking the uncompressed stream against diff_id. */
    private long unpack(ImageReference image, Path blob, String blobDigest, String diffId, Path directory)
            throws IOException {
        MessageDigest sha256 = Digests.sha256();
        long bytes;
        try (InputStream in = Files.newInputStream(blob);
             InputStream tar = new DigestInputStream(LayerExtractor.decompressed(in), sha256)) {
            bytes = LayerExtractor.extract(tar, directory);
        }
        String actual = Digests.format(sha256.digest());
        if (!actual.equals(diffId)) {
            deleteQuietly(blob);
            throw new ImagePullException(image.toString(), Reason.DIGEST_MISMATCH, "layer "
                    + Digests.shortForm(blobDigest) + ": diff_id mismatch (expected " + Digests.shortForm(diffId)
                    + ", got " + Digests.shortForm(actual) + ")");
        }
        return bytes;
    }

    private void storeBlob(String digest, byte[] body) throws IOException {
        Path target = blobPath(digest);
        if (!Files.exists(target)) {
            Path temporary = root.resolve("tmp").resolve(Digests.hex(digest) + "." + UUID.randomUUID());
            Files.write(temporary, body);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void writeRef(String name, String topDigest, String manifestDigest) throws IOException {
        Path target = ImageCollector.refPath(root, name);
        Path temporary = root.resolve("tmp").resolve("ref." + UUID.randomUUID());
        Files.writeString(temporary, topDigest + "\n" + manifestDigest + "\n" + name + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis()));
    }

    Path blobPath(String digest) {
        return root.resolve("blobs/sha256").resolve(Digests.hex(digest));
    }

    Path layerPath(String diffId) {
        return root.resolve("layers/sha256").resolve(Digests.hex(diffId));
    }

    /** Runs {@code work} once per key among concurrent callers; later callers wait for the first one's result. */
    private static <T> T shared(Map<String, CompletableFuture<T>> inFlight, String key, Supplier<T> work) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
        try {
            T result = work.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }

    private static void deleteTreeQuietly(Path path) {
        try {
            LayerExtractor.deleteTree(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }
}
