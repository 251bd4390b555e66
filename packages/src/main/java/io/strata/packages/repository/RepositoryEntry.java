package io.strata.packages.repository;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.packages.universe.Sources;
import java.util.Objects;

/**
 * One repository of the package repository list, as {@code /package/repository/list} shows it.
 *
 * @param name the unique name (e.g. {@code Universe})
 * @param uri where it is read from (see {@link Sources})
 */
public record RepositoryEntry(String name, String uri) {
    /** Longest accepted repository name. */
    public static final int MAX_NAME = 200;

    /**
     * Validates the name and the URI's syntax.
     *
     * @throws PackageException {@code MalformedRequest} for a bad name, {@code RepositoryUriSyntax} for a bad URI
     */
    public RepositoryEntry {
        Objects.requireNonNull(uri, "uri");
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20)) {
            throw PackageException.withField(ErrorType.MalformedRequest, "repository name must be 1-" + MAX_NAME
                    + " printable characters", "name", String.valueOf(name));
        }
        name = name.strip();
        uri = Sources.check(uri).toString();
    }

    /** The repository shipped inside Strata, first in a new cluster's list. */
    public static RepositoryEntry builtin() {
        return new RepositoryEntry("Universe", Sources.BUILTIN_URI);
    }
}
