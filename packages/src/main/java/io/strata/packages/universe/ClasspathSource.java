package io.strata.packages.universe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A repository shipped inside the jar as class-path resources below {@code root}. */
public final class ClasspathSource implements RepositorySource {
    private final String root;
    private final ClassLoader loader;

    /** Resources below {@code root} (no leading slash, e.g. {@code strata-universe/repo}). */
    public ClasspathSource(String root) {
        this.root = root.endsWith("/") ? root : root + "/";
        this.loader = ClasspathSource.class.getClassLoader();
    }

    @Override
    public Optional<byte[]> read(String path) {
        try (InputStream in = loader.getResourceAsStream(root + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + root + path, e);
        }
    }
}
