package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.agent.image.ImageConfig;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

    @TempDir
    Path dir;
    private Path rootfs;
    private BundleWriter writer;

    @BeforeEach
    void setUp() throws IOException {
        rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        rootfs = rootfs.getParent();
        Files.writeString(rootfs.resolve("etc/passwd"), UserDatabaseTest.PASSWD);
        Files.writeString(rootfs.resolve("etc/group"), UserDatabaseTest.GROUP);
        Files.writeString(dir.resolve("host-hosts"), "192.0.2.9 hostbox\n");
        Files.writeString(dir.resolve("host-resolv"), "nameserver 192.0.2.53\n");
        writer = new BundleWriter(dir.resolve("host-hosts"), dir.resolve("host-resolv"));
    }

    private ContainerRequest request(NetworkMode network, Optional<String> user) {
        return new ContainerRequest(ContainerId.of("c1"), rootfs, dir.resolve("sandbox"),
                new ContainerProcess.Shell("echo hi"), Map.of("A", "1"), user, network, "web-1", "/strata/a/c1",
                new ResourceLimits(1, 32L << 20));
    }

    private static ImageConfig image(String user) {
        return new ImageConfig(List.of(), List.of("sh"), List.of(), "", user, "", null, null);
    }

    @Test
    void write_hostNetwork_writesConfigAndCopiesHostFiles() throws IOException {
        Path bundle = dir.resolve("bundle");
        writer.write(bundle, image("www-data"), request(NetworkMode.HOST, Optional.empty()));

        JsonNode config = new ObjectMapper().readTree(bundle.resolve(BundleWriter.CONFIG_FILE).toFile());
        assertThat(config.at("/process/user/uid").asLong()).isEqualTo(33);
        assertThat(OciSpec.textList(config.at("/process/args"))).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(Files.readString(bundle.resolve("hosts"))).isEqualTo("192.0.2.9 hostbox\n");
        assertThat(Files.readString(bundle.resolve("resolv.conf"))).contains("nameserver");
        assertThat(Files.list(bundle).map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder("config.json", "hosts", "resolv.conf");
    }

    @Test
    void write_privateNetwork_generatesLoopbackHosts() throws IOException {
        Path bundle = dir.resolve("bundle");
        writer.write(bundle, image(""), request(NetworkMode.PRIVATE, Optional.of("web")));
        assertThat(Files.readString(bundle.resolve("hosts"))).contains("127.0.0.1\tlocalhost", "127.0.1.1\tweb-1")
                .doesNotContain("hostbox");
    }

    @Test
    void write_unknownUser_failsBeforeWritingAnything() {
        Path bundle = dir.resolve("bundle");
        assertThatThrownBy(() -> writer.write(bundle, image("postgres"), request(NetworkMode.HOST, Optional.empty())))
                .isInstanceOf(OciException.class).hasMessageContaining("unknown user 'postgres'");
        assertThat(bundle).doesNotExist();
    }
}
