package io.strata.cli.kubectl;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "kubeconfig", ".tmp");
            Files.writeString(temp, render(server));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
