package io.strata.agent.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real registry on 127.0.0.1 holding {@code busybox:latest}, an image built from the host's static busybox (its
 * applets linked in {@code /bin}): for end-to-end tests outside this package. Skips the test where docker-registry or
 * busybox is missing.
 */
public final class BusyboxRegistry implements AutoCloseable {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "echo", "sleep", "mkdir", "httpd", "cat", "wget", "nc");
    private final LocalRegistry registry;

    private BusyboxRegistry(LocalRegistry registry) {
        this.registry = registry;
    }

    /** Starts a registry storing under {@code directory} and pushes the image. */
    public static BusyboxRegistry start(Path directory) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed");
        LocalRegistry registry = LocalRegistry.start(directory);
        TarBuilder tar = new TarBuilder().directory("bin", 0755).file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755)
                .directory("etc", 0755).file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
                .file("etc/group", "root:x:0:\n").directory("tmp", 01777);
        APPLETS.forEach(applet -> tar.symlink("bin/" + applet, "busybox"));
        new TestImage("amd64", "sh", tar.tar()).push(registry.address, "busybox", "latest", true);
        return new BusyboxRegistry(registry);
    }

    /**
     * Restarts the registry with htpasswd basic auth for {@code user} (with {@link #SECRET_BCRYPT}, password {@code secret}); the image
     * pushed before stays.
     */
    public void requireLogin(String user, String bcryptHash) throws IOException, InterruptedException {
        registry.restartWithBasicAuth(user, bcryptHash);
    }

    /**
     * Restarts the registry with token auth and starts a token server beside it that grants pulls to {@code user}
     * with {@code password} only; the caller closes the returned server.
     */
    public AutoCloseable requireToken(Path dir, String user, String password) throws IOException, InterruptedException {
        TokenServer tokens = TokenServer.start(dir, user, password);
        registry.restartWithTokenAuth(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, tokens.certificate);
        return tokens;
    }

    /**
     * The bcrypt hash (cost 4) of the password {@code secret}, as htpasswd files hold it; made with Python's
     * {@code crypt.crypt("secret", "$2b$04$abcdefghijklmnopqrstuv")}.
     */
    public static final String SECRET_BCRYPT = "$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW";

    /** The registry's {@code host:port}. */
    public String address() {
        return registry.address;
    }

    @Override
    public void close() {
        registry.close();
    }
}
