package io.strata.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a real docker-registry on 127.0.0.1 (one per class) images pushed through its push API. */
class ImageStoreRegistryTest {
    private static LocalRegistry registry;
    private static TestImage twoLayers;
    private static String ociDigest;

    @TempDir
    Path storeDir;
    RegistryClient client;
    ImageStore store;

    @BeforeAll
    static void startRegistry(@TempDir Path registryDir) throws Exception {
        registry = LocalRegistry.start(registryDir);
        twoLayers = new TestImage("amd64", "sh",
                new TarBuilder().directory("bin", 0755).file("bin/sh", "shell", 0755, 0, 0).file("bin/vi", "editor")
                        .directory("etc", 0755).file("etc/motd", "lower").tar(),
                new TarBuilder().file("bin/.wh.vi", "").file("etc/motd", "upper").tar());
        ociDigest = twoLayers.push(registry.address, "busybox", "latest", true);
        twoLayers.push(registry.address, "busybox", "v2s2", false);

        TestImage arm = new TestImage("arm64", "arm", new TarBuilder().file("arch", "arm64").tar());
        TestImage amd = new TestImage("amd64", "amd", new TarBuilder().file("arch", "amd64").tar());
        arm.push(registry.address, "multi", "arm64", true);
        amd.push(registry.address, "multi", "amd64", true);
        Map<byte[], String> both = new LinkedHashMap<>();
        both.put(arm.manifest(true), "arm64");
        both.put(amd.manifest(true), "amd64");
        TestImage.pushManifest(registry.address, "multi", "latest", Manifests.OCI_INDEX, TestImage.index(both));
        TestImage.pushManifest(registry.address, "multi", "armonly", Manifests.OCI_INDEX,
                TestImage.index(Map.of(arm.manifest(true), "arm64")));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void store() {
        client = new RegistryClient(RegistryCredentials.none(), Set.of(), 2, Duration.ofMillis(10));
        store = new ImageStore(storeDir, client, registry.address);
    }

    @Test
    void pull_ociManifest_unpacksLayersLowestFirstWithConfig() throws IOException {
        Image image = store.pull("busybox");

        assertThat(image.reference()).isEqualTo(registry.address + "/busybox:latest");
        assertThat(image.manifestDigest()).isEqualTo(ociDigest);
        assertThat(image.config().cmd()).containsExactly("sh");
        assertThat(image.config().stopSignal()).isEqualTo("SIGQUIT");
        assertThat(image.config().exposedPorts()).containsExactly("80/tcp");
        assertThat(image.layers()).hasSize(2);
        assertThat(image.layers().get(0).resolve("bin/sh")).hasContent("shell");
        assertThat(image.layers().get(0).resolve("etc/motd")).hasContent("lower");
        assertThat(image.layers().get(1).resolve("etc/motd")).hasContent("upper");
        assertThat(LayerExtractor.isWhiteout(image.layers().get(1).resolve("bin/vi"))).isTrue();
        assertThat(image.layers().get(0)).isEqualTo(storeDir.resolve("layers/sha256")
                .resolve(Digests.hex(twoLayers.diffIds.get(0))));
    }

    @Test
    void pull_dockerSchema2_givesTheSameLayers() {
        Image oci = store.pull(registry.address + "/busybox:latest");
        Image docker = store.pull(registry.address + "/busybox:v2s2");

        assertThat(docker.manifestDigest()).isNotEqualTo(oci.manifestDigest());
        assertThat(docker.layers()).isEqualTo(oci.layers());
        assertThat(client.blobDownloads()).isEqualTo(3); // config and two layers, shared by both manifests
    }

    @Test
    void pull_ociIndexWithTwoPlatforms_picksLinuxAmd64() {
        Image image = store.pull("multi");

        assertThat(image.config().cmd()).containsExactly("amd");
        assertThat(image.layers().getFirst().resolve("arch")).hasContent("amd64");
    }

    @Test
    void pull_indexWithoutAmd64_failsNamingThePlatforms() {
        assertThatThrownBy(() -> store.pull("multi:armonly"))
                .isInstanceOf(ImagePullException.class)
                .hasMessage("image " + registry.address + "/multi:armonly: no linux/amd64 image in the index "
                        + "(platforms: linux/arm64)")
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo(ImagePullException.Reason.NO_PLATFORM);
    }

    @Test
    void pull_singlePlatformManifestForArm_failsNamingThePlatform() {
        assertThatThrownBy(() -> store.pull("multi:arm64"))
                .hasMessage("image " + registry.address + "/multi:arm64: image is for linux/arm64, this agent runs linux/amd64");
    }

    @Test
    void pull_unknownTag_failsNamingImageAndRegistryError() {
        assertThatThrownBy(() -> store.pull("busybox:nope"))
                .isInstanceOf(ImagePullException.class)
                .hasMessage("image " + registry.address + "/busybox:nope: manifest unknown (404 MANIFEST_UNKNOWN)");
    }

    @Test
    void pull_unknownRepository_failsAsNotFound() {
        assertThatThrownBy(() -> store.pull("nosuchrepo"))
                .isInstanceOf(ImagePullException.class)
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo(ImagePullException.Reason.NOT_FOUND);
    }

    @Test
    void pull_registryDown_saysUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> store.pull("127.0.0.1:" + port + "/busybox"))
                .isInstanceOf(ImagePullException.class)
                .hasMessage("image 127.0.0.1:" + port + "/busybox:latest: registry 127.0.0.1:" + port
                        + " unreachable: connection refused (2 attempts)");
    }

    @Test
    void pull_malformedReference_failsWithTheParseMessage() {
        assertThatThrownBy(() -> store.pull("Foo/bar"))
                .isInstanceOf(ImagePullException.class)
                .hasMessage("image Foo/bar: image reference 'Foo/bar': repository must be lowercase");
    }

    @Test
    void pull_tenConcurrentPulls_downloadEachBlobOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Image>> pulls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pulls.add(pool.submit(() -> store.pull("busybox")));
            }
            for (Future<Image> pull : pulls) {
                assertThat(pull.get().layers()).hasSize(2);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(client.blobDownloads()).isEqualTo(3);
    }

    @Test
    void pull_byCachedDigest_downloadsNothing() {
        store.pull("busybox");
        long downloads = client.blobDownloads();

        Image pinned = store.pull("busybox@" + ociDigest);

        assertThat(pinned.manifestDigest()).isEqualTo(ociDigest);
        assertThat(client.blobDownloads()).isEqualTo(downloads);
    }

    @Test
    void local_tagPulledBefore_returnsTheCachedImageAndEmptyOnceCollected() {
        assertThat(store.local("busybox")).isEmpty();
        Image pulled = store.pull("busybox");
        Image index = store.pull("multi");

        assertThat(store.local("busybox")).get().satisfies(image -> {
            assertThat(image.manifestDigest()).isEqualTo(pulled.manifestDigest());
            assertThat(image.layers()).isEqualTo(pulled.layers());
            assertThat(image.config().cmd()).containsExactly("sh");
        });
        assertThat(store.local("multi")).get().extracting(Image::manifestDigest).isEqualTo(index.manifestDigest());
        assertThat(store.local("busybox:v2s2")).isEmpty(); // never pulled
        assertThat(store.local("Not A Reference")).isEmpty();

        store.gc(0, Set.of());

        assertThat(store.local("busybox")).isEmpty();
    }

    @Test
    void gc_overThreshold_removesUnusedImagesAndKeepsInUse() {
        Image busybox = store.pull("busybox");
        Image multi = store.pull("multi");
        long before = store.usage();

        long freed = store.gc(0, Set.of(busybox.manifestDigest()));

        assertThat(freed).isPositive();
        assertThat(store.usage()).isEqualTo(before - freed);
        assertThat(busybox.layers()).allMatch(Files::isDirectory);
        assertThat(multi.layers()).noneMatch(Files::exists);
        assertThat(store.gc(Long.MAX_VALUE, Set.of())).isZero();
        assertThat(store.pull("multi").layers()).allMatch(Files::isDirectory); // pulled again after gc
    }
}
