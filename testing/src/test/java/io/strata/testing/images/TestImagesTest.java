package io.strata.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestImagesTest {
  @Test
  void busybox_hasAppletsUsersAndShell() throws IOException {
    assumeTrue(TestImages.busyboxInstalled(), "busybox-static is not installed");
    OciImage busybox = TestImages.busybox();
    List<LayerTest.Read> entries = LayerTest.read(busybox.layers().getFirst());

    assertThat(busybox.layers()).hasSize(1);
    assertThat(busybox.cmd()).contains(List.of("sh"));
    assertThat(busybox.env()).containsEntry("PATH", TestImages.PATH);
    assertThat(entries).anySatisfy(entry -> assertThat(entry.name()).isEqualTo("bin/busybox"));
    assertThat(entries).filteredOn(entry -> entry.name().equals("bin/sh"))
        .singleElement().satisfies(entry -> assertThat(entry.link()).isEqualTo("busybox"));
    assertThat(entries).filteredOn(entry -> entry.name().equals("tmp/")).singleElement()
        .satisfies(entry -> assertThat(entry.mode()).isEqualTo(01777));
    assertThat(entries).filteredOn(entry -> entry.name().equals("etc/passwd")).singleElement()
        .satisfies(entry -> assertThat(entry.content()).contains("root:x:0:0:", "nobody:x:65534:"));
    assertThat(TestImages.busybox()).isSameAs(busybox);
  }

  @Test
  void nginx_addsBinaryLibrariesLoaderAndEntrypointOnTopOfBusybox() throws IOException {
    assumeTrue(TestImages.nginxInstalled(), "nginx-light or busybox-static is not installed");
    OciImage nginx = TestImages.nginx();
    List<LayerTest.Read> entries = LayerTest.read(nginx.layers().get(1));

    assertThat(nginx.layers().getFirst()).isSameAs(TestImages.busybox().layers().getFirst());
    assertThat(nginx.entrypoint()).contains(List.of("/docker-entrypoint.sh"));
    assertThat(nginx.exposedPorts()).containsExactly("80/tcp");
    assertThat(nginx.stopSignal()).contains("SIGQUIT");
    assertThat(entries).extracting(LayerTest.Read::name)
        .contains("usr/sbin/nginx", "lib64/ld-linux-x86-64.so.2", "docker-entrypoint.sh", "etc/nginx/mime.types",
            "usr/share/nginx/html/index.html")
        .anySatisfy(name -> assertThat(name).matches("lib/.*/libc\\.so\\.6"));
    assertThat(entries).filteredOn(entry -> entry.name().equals("docker-entrypoint.sh")).singleElement()
        .satisfies(entry -> assertThat(entry.content()).contains("${PORT:-80}", "daemon off;"));
    assertThat(entries).filteredOn(entry -> entry.name().equals("etc/group")).singleElement()
        .satisfies(entry -> assertThat(entry.content()).contains("nogroup", "www-data"));
  }

  @Test
  void large_holdsIncompressibleDataAcrossLayers() {
    assumeTrue(TestImages.busyboxInstalled(), "busybox-static is not installed");
    OciImage large = TestImages.large(6);
    long compressed = large.layers().stream().skip(1).mapToLong(layer -> layer.blob().size()).sum();

    assertThat(large.layers()).hasSize(5);
    assertThat(compressed).isGreaterThanOrEqualTo(6L << 20);
    assertThat(large.layers().get(1).diffId()).isNotEqualTo(large.layers().get(2).diffId());
  }
}
