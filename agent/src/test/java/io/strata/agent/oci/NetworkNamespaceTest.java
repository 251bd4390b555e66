package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real namespace bound to a file: created with loopback up, entered, removed. */
class NetworkNamespaceTest {
    @TempDir
    Path dir;

    @Test
    void create_thenEnter_runsInAnotherNamespaceWithLoopbackUp() throws Exception {
        Path ns = dir.resolve("ns");
        NetworkNamespace.create(ns);
        try {
            assertThat(NetworkNamespace.exists(ns)).isTrue();
            String inside = run(NetworkNamespace.enter(ns, List.of("readlink", "/proc/self/ns/net")));
            assertThat(inside.strip()).isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
            assertThat(run(NetworkNamespace.enter(ns, List.of("/usr/sbin/ip", "-o", "link", "show", "lo"))))
                    .contains("UP");
        } finally {
            NetworkNamespace.remove(ns);
        }
        assertThat(NetworkNamespace.exists(ns)).isFalse();
        assertThat(ns).doesNotExist();
    }

    @Test
    void remove_unmountedFile_deletesIt() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));

        NetworkNamespace.remove(plain);

        assertThat(plain).doesNotExist();
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
