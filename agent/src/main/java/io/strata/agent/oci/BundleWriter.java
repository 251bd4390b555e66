package io.strata.agent.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.agent.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an OCI bundle directory: {@code config.json} (from {@link OciSpec}), plus the {@code hosts} and
 * {@code resolv.conf} files that are bound read-only into the container.
 *
 * <p>The root filesystem is not copied: {@code root.path} points at the request's provisioned rootfs. The DNS files
 * are snapshots taken at launch (as Docker does): {@code resolv.conf} is the host's; {@code hosts} is the host's for
 * {@link NetworkMode#HOST} and a loopback-only file naming the container's host name for {@link NetworkMode#PRIVATE}.
 */
public final class BundleWriter {

    /** The name of the runtime configuration inside a bundle. */
    public static final String CONFIG_FILE = "config.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path hostHosts;
    private final Path hostResolvConf;

    /** Creates a writer that copies the host's {@code /etc/hosts} and {@code /etc/resolv.conf}. */
    public BundleWriter() {
        this(Path.of("/etc/hosts"), Path.of("/etc/resolv.conf"));
    }

    /** Creates a writer that copies the given files instead of the host's (a missing file gives an empty one). */
    public BundleWriter(Path hostHosts, Path hostResolvConf) {
        this.hostHosts = hostHosts;
        this.hostResolvConf = hostResolvConf;
    }

    /**
     * Writes the bundle into {@code bundleDir} (created if needed) and returns the spec that was written.
     *
     * @throws OciException if the user cannot be resolved, there is nothing to run, or a file cannot be written
     */
    public ObjectNode write(Path bundleDir, ImageConfig image, ContainerRequest request) {
        UserIds user = UserDatabase.read(request.rootfs()).resolve(OciSpec.effectiveUser(image, request));
        try {
            Files.createDirectories(bundleDir);
            Path hosts = bundleDir.resolve("hosts");
            Path resolvConf = bundleDir.resolve("resolv.conf");
            writeAtomically(hosts, hostsContent(request));
            writeAtomically(resolvConf, readOrEmpty(hostResolvConf));
            ObjectNode spec = OciSpec.build(image, request, user, hosts.toAbsolutePath(), resolvConf.toAbsolutePath());
            writeAtomically(bundleDir.resolve(CONFIG_FILE), MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(spec));
            return spec;
        } catch (IOException e) {
            throw new OciException("cannot write the OCI bundle in " + bundleDir + ": " + e.getMessage(), e);
        }
    }

    private String hostsContent(ContainerRequest request) throws IOException {
        return switch (request.network()) {
            case HOST -> readOrEmpty(hostHosts);
            case PRIVATE -> "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t"
                    + request.hostname() + "\n";
        };
    }

    private static String readOrEmpty(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
