package io.strata.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:abababababababababababababababababababababababababababababababab";

    @ParameterizedTest(name = "{0} (default {1}) -> {2}")
    @CsvSource({
            // text, default registry, canonical form
            "nginx, docker.io, docker.io/library/nginx:latest",
            "nginx, https://registry-1.docker.io/, docker.io/library/nginx:latest",
            "nginx:1.25, docker.io, docker.io/library/nginx:1.25",
            "bitnami/nginx, docker.io, docker.io/bitnami/nginx:latest",
            "busybox, 127.0.0.1:5000, 127.0.0.1:5000/busybox:latest",
            "busybox, http://127.0.0.1:5000, 127.0.0.1:5000/busybox:latest",
            "127.0.0.1:5000/busybox:v2s2, docker.io, 127.0.0.1:5000/busybox:v2s2",
            "localhost/team/app, docker.io, localhost/team/app:latest",
            "quay.io/coreos/etcd:v3.5.0, docker.io, quay.io/coreos/etcd:v3.5.0",
            "registry.example.com:8443/a/b/c:x_y.z-1, docker.io, registry.example.com:8443/a/b/c:x_y.z-1",
            "my-app__x.y, reg.local, reg.local/my-app__x.y:latest",
            "[::1]:5000/busybox, docker.io, [::1]:5000/busybox:latest",
    })
    void parse_validReference_isCanonical(String text, String defaultRegistry, String canonical) {
        assertThat(ImageReference.parse(text, defaultRegistry)).hasToString(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "busybox@" + DIGEST + ", '', " + DIGEST,
            "busybox:1.36@" + DIGEST + ", 1.36, " + DIGEST,
            "busybox:1.36, 1.36, ''",
    })
    void parse_tagAndDigest_digestDecidesManifestReference(String text, String tag, String digest) {
        ImageReference reference = ImageReference.parse(text, "127.0.0.1:5000");
        assertThat(reference.tag()).isEqualTo(tag);
        assertThat(reference.digest()).isEqualTo(digest);
        assertThat(reference.manifestReference()).isEqualTo(digest.isEmpty() ? tag : digest);
        assertThat(reference.pinned()).isEqualTo(!digest.isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Foo/bar | image reference 'Foo/bar': repository must be lowercase",
            "nginx:bad/tag | image reference 'nginx:bad/tag': registry 'nginx:bad' is not a host[:port]",
            "nginx:-x | image reference 'nginx:-x': tag '-x' is invalid",
            "nginx@md5:abc | image reference 'nginx@md5:abc': digest 'md5:abc' is not supported",
            "nginx@sha256:abc | image reference 'nginx@sha256:abc': digest 'sha256:abc' must be sha256: followed by 64",
            "a//b | image reference 'a//b': repository component '' is invalid",
            "-bad | image reference '-bad': repository component '-bad' is invalid",
            "host:99999/x | image reference 'host:99999/x': registry port 99999 is out of range",
            "bad_host.io/x | image reference 'bad_host.io/x': registry 'bad_host.io' is not a host[:port]",
            "'with space' | image reference 'with space': must not contain whitespace",
            "127.0.0.1:5000/ | image reference '127.0.0.1:5000/': repository is empty",
            "' ' | image reference is empty",
    })
    void parse_malformedReference_namesTheWrongPart(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text, "docker.io"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"''", "'   '"})
    void parse_noRegistryAnywhere_saysSo(String defaultRegistry) {
        assertThatThrownBy(() -> ImageReference.parse("busybox", defaultRegistry))
                .hasMessage("image reference 'busybox': names no registry and no default registry is configured");
    }
}
