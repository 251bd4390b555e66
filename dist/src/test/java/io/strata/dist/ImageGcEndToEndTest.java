package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.ImageSettings;
import io.strata.agent.oci.RuncRuntime;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent whose image store is past its threshold removes the images no task uses once a task ends. */
class ImageGcEndToEndTest {
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static LocalCluster cluster;

    @BeforeAll
    static void up() {
        assumeTrue(TestRegistry.isInstalled() && RuncRuntime.locate().isPresent() && TestImages.busyboxInstalled(),
                "docker-registry, runc and busybox-static are needed (bin/test installs them)");
        registry = TestRegistry.start();
        registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
        cluster = LocalCluster.start(LocalCluster.Settings.forTests(dir, 1)
                .withAgentResources("cpus:1;mem:512;disk:512;ports:[31400-31500]")
                .withImages(new ImageSettings(registry.address(), Set.of(), "runc", 0)), line -> { });
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static long layers() throws IOException {
        Path layers = cluster.agents().get(0).paths().workDir().resolve("images/layers/sha256");
        if (!Files.isDirectory(layers)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(layers)) {
            return entries.count();
        }
    }

    @Test
    void taskEnds_storePastThreshold_unusedImageIsRemovedAndPulledAgainWhenNeeded() throws Exception {
        for (int run = 0; run < 2; run++) {
            Cli.Run result = Cli.strata("execute", "--master", cluster.master().url(), "--name", "gc" + run,
                    "--image", "busybox", "--command", "true", "--timeout", "120");
            assertThat(result.code()).as(result.toString()).isZero();
            // the task's container is released before its terminal update goes out, and collection with it
            assertThat(layers()).as("layers left after run %d", run).isZero();
        }
    }
}
