package io.strata.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry faults and authentication, against {@link FakeRegistry}. */
class ImageStoreFaultTest {
    @TempDir
    Path storeDir;
    FakeRegistry registry;
    TestImage image;

    @BeforeEach
    void registry() throws IOException {
        registry = new FakeRegistry();
        image = new TestImage("amd64", "app", new TarBuilder().file("app", "v1").tar());
        registry.add(image, "app:latest");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private ImageStore store(RegistryCredentials credentials) {
        return new ImageStore(storeDir, new RegistryClient(credentials, Set.of(), 3, Duration.ofMillis(5)), registry.address);
    }

    @Test
    void pull_corruptBlob_failsWithDigestMismatchAndCachesNothing() throws IOException {
        String layer = Digests.of(image.layers.getFirst());
        registry.corruptBlob = layer;

        assertThatThrownBy(() -> store(RegistryCredentials.none()).pull("app"))
                .isInstanceOf(ImagePullException.class)
                .hasMessageStartingWith("image " + registry.address + "/app:latest: blob " + layer.substring(0, 19)
                        + "..: digest mismatch (got sha256:")
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo(ImagePullException.Reason.DIGEST_MISMATCH);
        assertThat(storeDir.resolve("blobs/sha256").resolve(Digests.hex(layer))).doesNotExist();
        assertThat(files(storeDir.resolve("tmp"))).isZero();
        assertThat(files(storeDir.resolve("layers/sha256"))).isZero();
    }

    @Test
    void pull_wrongDiffId_failsAndLeavesNoLayer() throws IOException {
        String fake = Digests.of(new byte[] {1});
        registry.add(new TestImage("amd64", "app", new TarBuilder().file("app", "v2").tar())
                .lyingAboutFirstDiffId(fake), "app:lying");

        assertThatThrownBy(() -> store(RegistryCredentials.none()).pull("app:lying"))
                .hasMessageContaining(": diff_id mismatch (expected " + fake.substring(0, 19) + "..")
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo(ImagePullException.Reason.DIGEST_MISMATCH);
        assertThat(files(storeDir.resolve("layers/sha256"))).isZero();
        assertThat(files(storeDir.resolve("tmp"))).isZero();
    }

    @Test
    void pull_registryBusyTwice_retriesAndSucceeds() {
        registry.failuresLeft.set(2);

        assertThat(store(RegistryCredentials.none()).pull("app").layers()).hasSize(1);
    }

    @Test
    void pull_registryAlwaysBusy_failsAfterRetries() {
        registry.failuresLeft.set(100);

        assertThatThrownBy(() -> store(RegistryCredentials.none()).pull("app"))
                .hasMessage("image " + registry.address + "/app:latest: registry " + registry.address
                        + " failed: manifest: busy (503 UNAVAILABLE) (3 attempts)");
    }

    @Test
    void pull_blobRedirectedToStorage_followsWithoutSendingCredentials() {
        registry.redirectBlobs = true;
        registry.requiredLogin = "alice:secret";

        Image pulled = store(new RegistryCredentials(Map.of(registry.address,
                new RegistryCredentials.Login("alice", "secret")))).pull("app");

        assertThat(pulled.layers().getFirst().resolve("app")).hasContent("v1");
    }

    @Test
    void pull_bearerChallengeWithCredentials_getsTokenOnceAndPulls() {
        registry.requiredLogin = "alice:secret";

        Image pulled = store(new RegistryCredentials(Map.of(registry.address,
                new RegistryCredentials.Login("alice", "secret")))).pull("app");

        assertThat(pulled.layers().getFirst().resolve("app")).hasContent("v1");
        assertThat(registry.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void pull_bearerChallengeWithWrongPassword_failsUnauthorized() {
        registry.requiredLogin = "alice:secret";

        assertThatThrownBy(() -> store(new RegistryCredentials(Map.of(registry.address,
                new RegistryCredentials.Login("alice", "wrong")))).pull("app"))
                .hasMessage("image " + registry.address + "/app:latest: unauthorized: token server http://"
                        + registry.address + "/token refused the credentials of user alice (401)")
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo(ImagePullException.Reason.UNAUTHORIZED);
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }
}
