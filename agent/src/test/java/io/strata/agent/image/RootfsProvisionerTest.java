package io.strata.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both strategies (overlay mount, copy) must show the same merged tree; needs root for mount and mknod. */
class RootfsProvisionerTest {
    @TempDir
    Path temp;

    private Image image() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (mount, mknod, chown)");
        List<byte[]> tars = List.of(
                new TarBuilder().directory("bin", 0755).file("bin/sh", "shell", 0755, 0, 0).file("bin/vi", "editor")
                        .directory("var/cache", 0755).file("var/cache/old", "stale").file("etc/motd", "lower").tar(),
                new TarBuilder().file("bin/.wh.vi", "").file("var/cache/.wh..wh..opq", "")
                        .file("var/cache/new", "fresh").file("etc/motd", "upper", 0600, 7, 8).tar());
        List<Path> layers = new ArrayList<>();
        for (byte[] tar : tars) {
            Path layer = Files.createDirectories(temp.resolve("layers/" + layers.size()));
            LayerExtractor.extract(new ByteArrayInputStream(tar), layer);
            layers.add(layer);
        }
        return new Image("test/image:latest", "sha256:" + "0".repeat(64),
                new ImageConfig(null, null, null, null, null, null, null, null), layers);
    }

    @ParameterizedTest(name = "overlay={0}")
    @ValueSource(booleans = {true, false})
    void provision_twoLayers_mergesWithWhiteoutsAndOpaqueDirectories(boolean overlay) throws IOException {
        Image image = image();
        RootfsProvisioner provisioner = new RootfsProvisioner(overlay);
        Path container = temp.resolve("container");
        Path rootfs = provisioner.provision(image, container);
        try {
            assertThat(RootfsProvisioner.mounted(rootfs)).isEqualTo(overlay);
            assertThat(rootfs.resolve("bin/sh")).hasContent("shell");
            assertThat(rootfs.resolve("bin/vi")).doesNotExist();
            assertThat(rootfs.resolve("var/cache/old")).doesNotExist();
            assertThat(rootfs.resolve("var/cache/new")).hasContent("fresh");
            assertThat(rootfs.resolve("etc/motd")).hasContent("upper");
            assertThat(Files.getAttribute(rootfs.resolve("etc/motd"), "unix:uid")).isEqualTo(7);

            Files.writeString(rootfs.resolve("etc/motd"), "written by the container");
            assertThat(image.layers().get(1).resolve("etc/motd")).hasContent("upper"); // layers stay read-only
        } finally {
            provisioner.release(container);
        }
        assertThat(RootfsProvisioner.mounted(rootfs)).isFalse();
        assertThat(rootfs).doesNotExist();
        assertThat(container.resolve("upper")).doesNotExist();
    }

    @Test
    void release_neverProvisioned_doesNothing() {
        new RootfsProvisioner().release(temp.resolve("nothing-here"));
        assertThat(temp.resolve("nothing-here")).doesNotExist();
    }
}
