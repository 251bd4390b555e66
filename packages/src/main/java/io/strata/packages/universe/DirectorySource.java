package io.strata.packages.universe;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A repository unpacked in a local folder ({@code file:} URIs). */
public final class DirectorySource implements RepositorySource {
    private final Path root;

    /** The repository whose {@code meta/} folder is in {@code root}. */
    public DirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the repository: " + path);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new PackageException(ErrorType.IndexNotFound, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
