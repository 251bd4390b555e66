package io.strata.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
    @TempDir
    Path temp;
    Path layer;
    Path outside;

    @BeforeEach
    void directories() throws IOException {
        layer = Files.createDirectory(temp.resolve("layer"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    private long extract(TarBuilder tar) throws IOException {
        return LayerExtractor.extract(new ByteArrayInputStream(tar.tar()), layer);
    }

    @Test
    void extract_filesDirectoriesAndLinks_keepsModesOwnersAndLinks() throws IOException {
        long bytes = extract(new TarBuilder()
                .directory("./bin", 0755)
                .file("./bin/sh", "#!", 04755, 0, 0)
                .file("etc/shadow", "secret", 0640, 0, 42)
                .file("home/user/notes", "hi", 0600, 1000, 1000)
                .directory("readonly", 0555)
                .file("readonly/inside", "x")
                .symlink("bin/ash", "sh")
                .symlink("abs", "/etc/shadow")
                .hardLink("bin/busybox", "bin/sh")
                .characterDevice("dev/null"));

        assertThat(bytes).isEqualTo(2 + 6 + 2 + 1);
        assertThat(Files.readString(layer.resolve("bin/sh"))).isEqualTo("#!");
        assertThat(mode(layer.resolve("bin/sh"))).isEqualTo(04755);
        assertThat(mode(layer.resolve("readonly"))).isEqualTo(0555); // set after its child was written
        assertThat(Files.getAttribute(layer.resolve("etc/shadow"), "unix:gid")).isEqualTo(42);
        assertThat(Files.getAttribute(layer.resolve("home/user/notes"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.readSymbolicLink(layer.resolve("bin/ash"))).isEqualTo(Path.of("sh"));
        assertThat(Files.readSymbolicLink(layer.resolve("abs"))).isEqualTo(Path.of("/etc/shadow"));
        assertThat(Files.isSameFile(layer.resolve("bin/busybox"), layer.resolve("bin/sh"))).isTrue();
        assertThat(layer.resolve("dev/null")).doesNotExist(); // devices are skipped
    }

    @Test
    void extract_whiteoutAndOpaqueMarker_becomeOverlayWhiteoutAndXattr() throws IOException {
        extract(new TarBuilder()
                .file("bin/.wh.vi", "")
                .directory("var/cache", 0755)
                .file("var/cache/.wh..wh..opq", "")
                .file("var/cache/new", "n"));

        assertThat(LayerExtractor.isWhiteout(layer.resolve("bin/vi"))).isTrue();
        assertThat(layer.resolve("bin/.wh.vi")).doesNotExist();
        assertThat(LayerExtractor.isOpaque(layer.resolve("var/cache"))).isTrue();
        assertThat(LayerExtractor.isOpaque(layer.resolve("var"))).isFalse();
        assertThat(layer.resolve("var/cache/.wh..wh..opq")).doesNotExist();
        assertThat(layer.resolve("var/cache/new")).hasContent("n");
    }

    @Test
    void extract_dotDotEscape_isRefusedAndWritesNothingOutside() {
        assertThatThrownBy(() -> extract(new TarBuilder().file("../../outside/x", "evil")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class)
                .hasMessageContaining("'..' component");
        assertThat(temp.resolve("outside/x")).doesNotExist();
    }

    @Test
    void extract_absolutePath_isRefused() {
        assertThatThrownBy(() -> extract(new TarBuilder().file("/etc/x", "evil")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class).hasMessageContaining("absolute path");
    }

    @Test
    void extract_fileThroughSymlinkedParent_isRefusedAndWritesNothingOutside() throws IOException {
        assertThatThrownBy(() -> extract(new TarBuilder()
                .symlink("escape", outside.toString())
                .file("escape/passwd", "evil")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class)
                .hasMessageContaining("goes through the symlink 'escape'");
        assertThat(emptyDirectory(outside)).isTrue();
    }

    @Test
    void extract_relativeSymlinkEscapeThenFileThroughIt_isRefused() {
        assertThatThrownBy(() -> extract(new TarBuilder()
                .symlink("etc", "../../outside")
                .file("etc/x", "evil")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class);
        assertThat(outside.resolve("x")).doesNotExist();
    }

    @Test
    void extract_fileReplacingSymlink_replacesTheLinkInsteadOfWritingThroughIt() throws IOException {
        Files.writeString(outside.resolve("target"), "original");
        extract(new TarBuilder()
                .symlink("link", outside.resolve("target").toString())
                .file("link", "replaced"));

        assertThat(Files.isSymbolicLink(layer.resolve("link"))).isFalse();
        assertThat(layer.resolve("link")).hasContent("replaced");
        assertThat(outside.resolve("target")).hasContent("original");
    }

    @Test
    void extract_hardLinkOutsideTheLayer_isRefused() {
        assertThatThrownBy(() -> extract(new TarBuilder().hardLink("passwd", "../../etc/passwd")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class).hasMessageContaining("'..' component");
        assertThatThrownBy(() -> extract(new TarBuilder().hardLink("passwd", "/etc/passwd")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class).hasMessageContaining("absolute path");
    }

    @Test
    void extract_hardLinkThroughSymlink_isRefused() throws IOException {
        Files.writeString(outside.resolve("secret"), "s");
        assertThatThrownBy(() -> extract(new TarBuilder()
                .symlink("out", outside.toString())
                .hardLink("stolen", "out/secret")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class).hasMessageContaining("symlink 'out'");
        assertThat(layer.resolve("stolen")).doesNotExist();
    }

    @Test
    void extract_whiteoutThroughSymlink_isRefused() {
        assertThatThrownBy(() -> extract(new TarBuilder()
                .symlink("out", outside.toString())
                .file("out/.wh.thing", "")))
                .isInstanceOf(LayerExtractor.UnsafeEntryException.class);
        assertThat(emptyDirectory(outside)).isTrue();
    }

    @Test
    void decompressed_gzipAndPlainTar_extractTheSame() throws IOException {
        byte[] tar = new TarBuilder().file("a", "plain").tar();
        for (byte[] blob : new byte[][] {tar, TarBuilder.gzip(tar)}) {
            Path into = Files.createTempDirectory(temp, "into");
            LayerExtractor.extract(LayerExtractor.decompressed(new ByteArrayInputStream(blob)), into);
            assertThat(into.resolve("a")).hasContent("plain");
        }
    }

    @Test
    void decompressed_zstd_extracts() throws IOException {
        byte[] tar = new TarBuilder().file("z", "zstd").tar();
        byte[] zstd = com.github.luben.zstd.Zstd.compress(tar);
        LayerExtractor.extract(LayerExtractor.decompressed(new ByteArrayInputStream(zstd)), layer);
        assertThat(layer.resolve("z")).hasContent("zstd");
    }

    private static int mode(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static boolean emptyDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
