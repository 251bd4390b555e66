package io.strata.packages.repository;

import java.util.List;

/** The ordered list of package repositories; earlier repositories win when several hold a package name. */
public interface RepositoryList {
    /** The repositories in order. */
    List<RepositoryEntry> list();

    /**
     * Inserts {@code entry} at {@code index} (null: at the end) and returns the new list.
     *
     * @throws io.strata.packages.error.PackageException {@code RepositoryAlreadyPresent} when the name or URI is
     *     taken, {@code MalformedRequest} when the index is outside 0..size
     */
    List<RepositoryEntry> add(RepositoryEntry entry, Integer index);

    /**
     * Removes the repository with {@code name} (or, when null, with {@code uri}) and returns the new list.
     *
     * @throws io.strata.packages.error.PackageException {@code RepositoryNotPresent} when none matches
     */
    List<RepositoryEntry> remove(String name, String uri);
}
