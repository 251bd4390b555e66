package io.strata.packages.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourcesTest {
    private static final String INDEX = """
            {"version":"2.0.0","packages":[{"name":"a","currentVersion":"1","versions":{"1":"0"}}]}""";

    @TempDir
    Path tmp;

    @Test
    void open_fileCheckoutWithRepoFolder_readsBelowRepo() throws Exception {
        Files.createDirectories(tmp.resolve("repo/meta"));
        Files.writeString(tmp.resolve("repo/meta/index.json"), INDEX);
        RepositorySource source = Sources.open(tmp.toUri(), HttpClient.newHttpClient());
        assertThat(UniverseRepository.load("x", "file:", source).index().packages()).hasSize(1);
    }

    @Test
    void open_fileZip_findsTheShallowestIndex() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("universe-version-2.x/repo/meta/index.json"));
            zip.write(INDEX.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("universe-version-2.x/repo/packages/A/a/0/package.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("universe-version-2.x/docs/meta/index.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(tmp.resolve("u.zip"), bytes.toByteArray());
        RepositorySource source = Sources.open(file.toUri(), HttpClient.newHttpClient());
        assertThat(source.read("packages/A/a/0/package.json")).isPresent();
        assertThat(UniverseRepository.load("x", "file:", source).index().find("a")).isPresent();
    }

    @Test
    void open_zipWithoutIndex_indexNotFound() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(tmp.resolve("u.zip"), bytes.toByteArray());
        assertThatThrownBy(() -> Sources.open(file.toUri(), HttpClient.newHttpClient()))
                .isInstanceOfSatisfying(PackageException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.IndexNotFound));
    }

    @Test
    void read_pathEscapingTheFolder_refused() {
        DirectorySource source = new DirectorySource(tmp);
        assertThatThrownBy(() -> source.read("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void load_malformedIndex_indexNotFoundNamingTheRepository() throws Exception {
        Files.createDirectories(tmp.resolve("meta"));
        Files.writeString(tmp.resolve("meta/index.json"), "{\"packages\":[{\"name\":\"a\",\"versions\":{}}]}");
        assertThatThrownBy(() -> UniverseRepository.load("mine", "file:x", new DirectorySource(tmp)))
                .isInstanceOfSatisfying(PackageException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.IndexNotFound);
                    assertThat(e.getMessage()).contains("mine");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin:universe", "file:/srv/universe", "https://universe.example/repo.zip",
            "http://127.0.0.1:8000/repo"})
    void check_supportedUris_accepted(String uri) {
        assertThat(Sources.check(uri).toString()).isEqualTo(uri);
    }
}
