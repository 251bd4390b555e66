package io.strata.services.engine;

import io.strata.services.model.AppDefinition.FetchUri;
import java.util.List;

/**
 * Fetches an app's {@code fetch} URIs into the sandbox before its command: Strata's agent has no Mesos fetcher,
 * so the framework prefixes the shell command with a script that downloads (curl, else wget; {@code file://} by
 * copy), makes executable and extracts archives ({@code .tar}, {@code .tgz}, {@code .tar.gz}, {@code .tar.bz2},
 * {@code .tar.xz}, {@code .zip}), failing the task when a download fails.
 */
final class FetchPrelude {
    private FetchPrelude() {
    }

    /** The script, ending with {@code &&} continuation, or empty when nothing is fetched. */
    static String script(List<FetchUri> uris) {
        StringBuilder out = new StringBuilder();
        for (FetchUri uri : uris) {
            String name = uri.outputFile() != null ? uri.outputFile() : basename(uri.uri());
            String target = quote(name);
            String source = quote(uri.uri());
            if (uri.uri().startsWith("file://")) {
                out.append("cp ").append(quote(uri.uri().substring("file://".length()))).append(' ').append(target);
            } else if (uri.uri().startsWith("/")) {
                out.append("cp ").append(source).append(' ').append(target);
            } else {
                out.append("{ curl -fsSL -o ").append(target).append(' ').append(source)
                        .append(" || wget -q -O ").append(target).append(' ').append(source).append("; }");
            }
            out.append(" && ");
            if (uri.executable()) {
                out.append("chmod +x ").append(target).append(" && ");
            } else if (uri.extract()) {
                String extract = extractCommand(name, target);
                if (extract != null) {
                    out.append(extract).append(" && ");
                }
            }
        }
        return out.toString();
    }

    private static String extractCommand(String name, String target) {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return "tar xzf " + target;
        }
        if (name.endsWith(".tar.bz2")) {
            return "tar xjf " + target;
        }
        if (name.endsWith(".tar.xz") || name.endsWith(".txz")) {
            return "tar xJf " + target;
        }
        if (name.endsWith(".tar")) {
            return "tar xf " + target;
        }
        if (name.endsWith(".zip")) {
            return "unzip -q -o " + target;
        }
        return null;
    }

    private static String basename(String uri) {
        String path = uri.replaceAll("[?#].*$", "");
        int slash = path.lastIndexOf('/');
        String name = slash >= 0 ? path.substring(slash + 1) : path;
        return name.isEmpty() ? "download" : name;
    }

    /** Single-quotes a word for {@code /bin/sh}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
