package io.strata.agent.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed image reference {@code [registry/]repository[:tag|@digest]}, resolved against a default registry.
 *
 * <p>Docker's rules: the first path component names a registry when it contains {@code .} or {@code :} or is
 * {@code localhost}; otherwise the default registry is used. On Docker Hub ({@code docker.io}) a single-component
 * name gets {@code library/} ({@code nginx} -> {@code docker.io/library/nginx:latest}); other registries keep the
 * name as written. A reference without tag or digest gets the tag {@code latest}; with both, the digest decides what
 * is pulled and the tag is kept for display.
 *
 * @param registry host[:port], never empty
 * @param repository lowercase path such as {@code library/nginx}
 * @param tag the tag, empty when the reference names only a digest
 * @param digest {@code sha256:<64 hex>}, empty when pulled by tag
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    /** The registry that {@code docker.io} names; its single-component repositories live under {@code library/}. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])"
                    + "(?::[0-9]{1,5})?");
    private static final int MAX_NAME_LENGTH = 255;

    public ImageReference {
        if (registry == null || registry.isEmpty() || repository == null || repository.isEmpty()) {
            throw new IllegalArgumentException("image reference needs a registry and a repository");
        }
        tag = tag == null ? "" : tag;
        digest = digest == null ? "" : digest;
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("image reference needs a tag or a digest");
        }
    }

    /**
     * Parses {@code text} as Docker does.
     *
     * @param defaultRegistry host[:port] (a {@code https://} or {@code http://} prefix and trailing slashes are
     *     ignored) used when the reference names no registry
     * @throws IllegalArgumentException naming the part that is wrong, e.g.
     *     {@code image reference 'Foo/bar': repository must be lowercase}
     */
    public static ImageReference parse(String text, String defaultRegistry) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("image reference is empty");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(text, "must not contain whitespace");
        }
        String rest = text;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            checkDigest(text, digest);
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "tag '" + tag + "' is invalid (letters, digits, '_', '.', '-', at most 128)");
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
                checkRegistry(text, registry);
            }
        }
        if (registry == null) {
            registry = normalizeRegistry(text, defaultRegistry);
            if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
                rest = "library/" + rest;
            }
        }
        checkRepository(text, rest);
        return new ImageReference(registry, rest, tag.isEmpty() && digest.isEmpty() ? "latest" : tag, digest);
    }

    /** What a manifest request names: the digest when there is one, the tag otherwise. */
    public String manifestReference() {
        return digest.isEmpty() ? tag : digest;
    }

    /** Whether this reference pins content by digest (then a cached copy needs no registry request). */
    public boolean pinned() {
        return !digest.isEmpty();
    }

    /** The canonical form {@code registry/repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    private static String normalizeRegistry(String text, String defaultRegistry) {
        String registry = defaultRegistry == null ? "" : defaultRegistry.strip();
        for (String scheme : new String[] {"https://", "http://"}) {
            if (registry.toLowerCase(Locale.ROOT).startsWith(scheme)) {
                registry = registry.substring(scheme.length());
            }
        }
        while (registry.endsWith("/")) {
            registry = registry.substring(0, registry.length() - 1);
        }
        if (registry.isEmpty()) {
            throw invalid(text, "names no registry and no default registry is configured");
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        checkRegistry(text, registry);
        return registry;
    }

    private static void checkRegistry(String text, String registry) {
        if (!HOST.matcher(registry).matches()) {
            throw invalid(text, "registry '" + registry + "' is not a host[:port]");
        }
        int colon = registry.lastIndexOf(':');
        if (colon > registry.lastIndexOf(']')) {
            int port = Integer.parseInt(registry.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw invalid(text, "registry port " + port + " is out of range");
            }
        }
    }

    private static void checkRepository(String text, String repository) {
        if (repository.isEmpty()) {
            throw invalid(text, "repository is empty");
        }
        if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
            throw invalid(text, "repository must be lowercase");
        }
        if (repository.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "repository is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(text, "repository component '" + component
                        + "' is invalid (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
    }

    private static void checkDigest(String text, String digest) {
        if (!digest.startsWith("sha256:")) {
            throw invalid(text, "digest '" + digest + "' is not supported (only sha256:<64 hex digits>)");
        }
        if (!Digests.isSha256(digest)) {
            throw invalid(text, "digest '" + digest + "' must be sha256: followed by 64 lowercase hex digits");
        }
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("image reference '" + text + "': " + problem);
    }
}
