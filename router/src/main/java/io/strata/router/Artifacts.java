package io.strata.router;

import io.strata.router.proxy.ErrorResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Files the router hands out under {@code /artifacts/<name>}: {@code strata.jar}, the jar this router runs from,
 * so that packages (the {@code kubernetes} package) fetch Strata itself the way DC/OS packages fetched their
 * artifacts from the cluster. Nothing else is served; when the router does not run from a jar (tests from class
 * folders) the name is a 404 saying so.
 */
final class Artifacts {
    /** The name Strata's own jar is served under. */
    static final String STRATA_JAR = "strata.jar";

    private final Map<String, Path> files;

    Artifacts(Map<String, Path> files) {
        this.files = Map.copyOf(files);
    }

    /** {@code strata.jar} when this class was loaded from a jar file. */
    static Artifacts ofRunningJar() {
        return new Artifacts(runningJar().map(jar -> Map.of(STRATA_JAR, jar)).orElse(Map.of()));
    }

    static Optional<Path> runningJar() {
        try {
            var source = Artifacts.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Streams the artifact {@code name} (GET or HEAD); called off the parsing thread since it blocks. */
    void handle(Request request, Response response, Callback callback, String name) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            ErrorResponses.write(response, callback, 405, null, "artifacts answer GET and HEAD only");
            return;
        }
        Path file = files.get(name);
        if (file == null) {
            String why = name.equals(STRATA_JAR) ? "strata.jar is served only when Strata runs from its jar"
                    : "no artifact '" + name + "' (served: " + (files.isEmpty() ? "none" : String.join(", ",
                    files.keySet())) + ")";
            ErrorResponses.write(response, callback, 404, null, why);
            return;
        }
        try {
            long size = Files.size(file);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/java-archive");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
            if (request.getMethod().equals("HEAD")) {
                callback.succeeded();
                return;
            }
            try (InputStream in = Files.newInputStream(file); OutputStream out = Content.Sink.asOutputStream(response)) {
                in.transferTo(out);
            }
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e);
        }
    }
}
