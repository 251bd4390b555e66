package io.strata.cli.kubectl;

import io.strata.cli.config.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The kubeconfig {@code strata kubectl} hands to kubectl: one cluster {@code strata} at {@code server}, a context
 * and a user of the same name, namespace {@code default}. Rewritten on every run so it follows cluster.url.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** The YAML text for {@code server}. */
    static String render(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: strata
                  cluster:
                    server: %s
                contexts:
                - name: strata
                  context:
                    cluster: strata
                    user: strata
                    namespace: default
                current-context: strata
                users:
                - name: strata
                  user: {}
                """.formatted(server);
    }

    /** Writes the kubeconfig for {@code server} to {@code file} atomically and returns the file. */
    static Path write(Path file, String server) {
        AtomicFile.write(file, render(server).getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
