package io.strata.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayerTest {
  /** One tar entry as a reader sees it. */
  record Read(String name, char type, int mode, long uid, long gid, String link, String content) {}

  @Test
  void build_everyEntryKind_readBackByTarReader() throws IOException {
    Layer layer = Layer.builder()
        .directories("app/")
        .file("app/run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 04755, 1000, 100)
        .symlink("app/latest", "run")
        .hardlink("app/again", "app/run")
        .whiteout("etc/old.conf")
        .opaqueWhiteout("var/cache")
        .build();

    assertThat(read(layer)).containsExactly(
        new Read("app/", 'd', 0755, 0, 0, "", ""),
        new Read("app/run", 'f', 04755, 1000, 100, "", "#!/bin/sh\n"),
        new Read("app/latest", 's', 0777, 0, 0, "run", ""),
        new Read("app/again", 'h', 0644, 0, 0, "app/run", ""),
        new Read("etc/.wh.old.conf", 'f', 0644, 0, 0, "", ""),
        new Read("var/cache/.wh..wh..opq", 'f', 0644, 0, 0, "", ""));
  }

  @Test
  void build_digests_matchCompressedAndUncompressedBytes() throws IOException {
    Layer layer = Layer.builder().file("hello.txt", "hello\n", 0644).build();
    byte[] tar = gunzip(layer.blob().content());

    assertThat(layer.blob().digest()).isEqualTo(Blob.sha256(layer.blob().content()));
    assertThat(layer.diffId()).isEqualTo(Blob.sha256(tar)).isNotEqualTo(layer.blob().digest());
    assertThat(layer.uncompressedSize()).isEqualTo(tar.length);
    assertThat(layer.blob().mediaType()).isEqualTo(ImageFormat.OCI.layerMediaType());
  }

  @Test
  void build_sameEntriesTwice_sameDigests() {
    Layer first = Layer.builder().directories("a/").file("a/b", "x", 0600).build();
    Layer second = Layer.builder().directories("a/").file("a/b", "x", 0600).build();
    Layer other = Layer.builder().directories("a/").file("a/b", "x", 0644).build();

    assertThat(second.blob().digest()).isEqualTo(first.blob().digest());
    assertThat(second.diffId()).isEqualTo(first.diffId());
    assertThat(other.diffId()).isNotEqualTo(first.diffId());
  }

  @Test
  void build_longAndHostilePaths_writtenVerbatim() throws IOException {
    String longName = "d/" + "x".repeat(200);
    Layer layer = Layer.builder().file(longName, "", 0644).symlink("escape", "../../../etc").file("/abs", "", 0644)
        .build();

    assertThat(read(layer)).extracting(Read::name).containsExactly(longName, "escape", "/abs");
  }

  @Test
  void fromDirectory_keepsModesSymlinksAndHardlinks(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("bin"));
    Files.writeString(root.resolve("bin/tool"), "tool");
    Files.setPosixFilePermissions(root.resolve("bin/tool"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createLink(root.resolve("bin/tool2"), root.resolve("bin/tool"));
    Files.createSymbolicLink(root.resolve("bin/t"), Path.of("tool"));
    Files.setPosixFilePermissions(root.resolve("bin"), PosixFilePermissions.fromString("rwxr-xr-x"));

    List<Read> entries = read(Layer.fromDirectory(root));

    assertThat(entries).extracting(Read::name, Read::type, Read::mode, Read::link).containsExactly(
        org.assertj.core.groups.Tuple.tuple("bin/", 'd', 0755, ""),
        org.assertj.core.groups.Tuple.tuple("bin/t", 's', 0777, "tool"),
        org.assertj.core.groups.Tuple.tuple("bin/tool", 'f', 0750, ""),
        org.assertj.core.groups.Tuple.tuple("bin/tool2", 'h', 0644, "bin/tool"));
  }

  @ParameterizedTest
  @CsvSource({"a/b, a/.wh.b", "b, .wh.b", "a/b/, a/.wh.b", "a/b/c.txt, a/b/.wh.c.txt"})
  void whiteout_markerPath_prefixesTheName(String path, String marker) {
    assertThat(new LayerEntry.Whiteout(path).markerPath()).isEqualTo(marker);
  }

  @Test
  void entries_badModeOrPath_rejected() {
    assertThatThrownBy(() -> Layer.builder().file("a", "", 010000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Layer.builder().directory("", 0755)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Layer.builder().compressionLevel(10)).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  static List<Read> read(Layer layer) throws IOException {
    List<Read> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(new ByteArrayInputStream(layer.blob().content())))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        char type = entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 's' : entry.isLink() ? 'h' : 'f';
        entries.add(new Read(entry.getName(), type, entry.getMode() & 07777, entry.getLongUserId(),
            entry.getLongGroupId(), entry.getLinkName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return entries;
  }
}
