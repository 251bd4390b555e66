package io.strata.bench.image;

import io.strata.agent.image.Image;
import io.strata.agent.image.ImageStore;
import io.strata.agent.image.RegistryClient;
import io.strata.agent.image.RegistryCredentials;
import io.strata.agent.image.RootfsProvisioner;
import io.strata.bench.support.Latencies;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.OciImage;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Pull and unpack of a ~50 MB image from a local registry: Strata's {@link ImageStore#pull} followed by
 * {@link RootfsProvisioner#provision} (overlay mount) into a fresh store each time, against {@code skopeo copy}
 * into a fresh OCI layout followed by {@code umoci unpack} into a fresh bundle, alternating in the same run.
 *
 * <p>Usage (as root): {@code ImagePullBench [n=5] [megabytes=50] [warmup=1]}. Target: Strata p50 / skopeo+umoci p50
 * <= 1.0. Each side gets {@code warmup} unmeasured rounds first (JIT, page cache of the registry's blobs).
 */
public final class ImagePullBench {
    private static final double TARGET_RATIO = 1.0;
    private static final String REPOSITORY = "large";

    private ImagePullBench() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path work = Files.createTempDirectory("strata-image-pull-bench");
        long built = System.nanoTime();
        OciImage image = TestImages.large(megabytes);
        System.out.printf("built TestImages.large(%d) in %.1f s%n", megabytes, (System.nanoTime() - built) / 1e9);
        try (TestRegistry registry = TestRegistry.start()) {
            registry.push(image, REPOSITORY, "latest", ImageFormat.OCI);
            run(registry.address(), work, n, warmup, megabytes);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(String registry, Path work, int n, int warmup, int megabytes) throws IOException {
        long[] strataPull = new long[n];
        long[] strataProvision = new long[n];
        long[] strataTotal = new long[n];
        long[] skopeoCopy = new long[n];
        long[] umociUnpack = new long[n];
        long[] skopeoTotal = new long[n];
        for (int i = -warmup; i < n; i++) {
            long[] s = strataOnce(registry, work.resolve("strata-" + (i + warmup)));
            long[] k = skopeoOnce(registry, work.resolve("skopeo-" + (i + warmup)));
            System.out.printf("%s %d: strata pull %.0f ms + provision %.0f ms; skopeo copy %.0f ms + umoci unpack "
                            + "%.0f ms%n", i < 0 ? "warm-up" : "round", Math.max(i, -i - 1) + 1, s[0] / 1e6,
                    s[1] / 1e6, k[0] / 1e6, k[1] / 1e6);
            if (i >= 0) {
                strataPull[i] = s[0];
                strataProvision[i] = s[1];
                strataTotal[i] = s[0] + s[1];
                skopeoCopy[i] = k[0];
                umociUnpack[i] = k[1];
                skopeoTotal[i] = k[0] + k[1];
            }
        }
        Latencies strata = Latencies.ofNanos(strataTotal);
        Latencies skopeo = Latencies.ofNanos(skopeoTotal);
        double ratio = strata.percentile(50) / skopeo.percentile(50);
        System.out.println();
        System.out.printf("ImagePullBench (TestImages.large(%d), registry %s, cold store each round, N=%d after %d "
                + "warm-up)%n", megabytes, registry, n, warmup);
        row("Strata: ImageStore.pull", Latencies.ofNanos(strataPull));
        row("Strata: RootfsProvisioner.provision (overlay)", Latencies.ofNanos(strataProvision));
        row("Strata: pull + provision", strata);
        row("skopeo copy docker:// -> oci:", Latencies.ofNanos(skopeoCopy));
        row("umoci unpack", Latencies.ofNanos(umociUnpack));
        row("skopeo copy + umoci unpack", skopeo);
        System.out.printf("ratio p50 (Strata / skopeo+umoci): %.2f; target <= %.1f: %s%n", ratio, TARGET_RATIO,
                ratio <= TARGET_RATIO ? "MET" : "MISSED");
    }

    private static void row(String what, Latencies l) {
        System.out.printf("%-48s %s%n", what, l.summary());
    }

    /** One cold pull and provision; returns {pull, provision} nanoseconds. Everything made is removed. */
    private static long[] strataOnce(String registry, Path dir) {
        RootfsProvisioner provisioner = new RootfsProvisioner();
        Path container = dir.resolve("container");
        try {
            long start = System.nanoTime();
            ImageStore store = new ImageStore(dir.resolve("store"),
                    new RegistryClient(RegistryCredentials.none(), Set.of()), registry);
            Image image = store.pull(REPOSITORY + ":latest");
            long pulled = System.nanoTime();
            Path rootfs = provisioner.provision(image, container);
            long provisioned = System.nanoTime();
            if (!Files.isRegularFile(rootfs.resolve("data/layer-0/file-0.bin"))) {
                throw new IllegalStateException("the provisioned root has no /data/layer-0/file-0.bin");
            }
            return new long[] {pulled - start, provisioned - pulled};
        } finally {
            provisioner.release(container);
            deleteTree(dir);
        }
    }

    /** One skopeo copy and umoci unpack into fresh directories; returns {copy, unpack} nanoseconds. */
    private static long[] skopeoOnce(String registry, Path dir) throws IOException {
        Path layout = dir.resolve("layout");
        Path bundle = dir.resolve("bundle");
        try {
            Files.createDirectories(dir); // skopeo creates the layout but not its parent
            long start = System.nanoTime();
            ExternalCommand.run("skopeo", "copy", "--quiet", "--src-tls-verify=false",
                    "docker://" + registry + "/" + REPOSITORY + ":latest", "oci:" + layout + ":latest");
            long copied = System.nanoTime();
            ExternalCommand.run("umoci", "unpack", "--image", layout + ":latest", bundle.toString());
            long unpacked = System.nanoTime();
            if (!Files.isRegularFile(bundle.resolve("rootfs/data/layer-0/file-0.bin"))) {
                throw new IllegalStateException("umoci's rootfs has no /data/layer-0/file-0.bin");
            }
            return new long[] {copied - start, unpacked - copied};
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        if (Files.exists(root)) {
            ExternalCommand.run("rm", "-rf", "--one-file-system", root.toString());
        }
    }
}
