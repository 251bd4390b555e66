package io.strata.packages.universe;

import java.util.Optional;

/**
 * Read access to the files of one Universe repository, addressed by their path below the repository root
 * (the folder holding {@code meta/} and {@code packages/}), e.g. {@code meta/index.json}.
 */
public interface RepositorySource {
    /**
     * The bytes of the file at {@code path}, or empty when it does not exist.
     *
     * @throws io.strata.packages.error.PackageException {@code IndexNotFound} when the source cannot be read at all
     */
    Optional<byte[]> read(String path);

    /**
     * Whether reading a file is cheap (local or already in memory), so that a search may open every package for
     * its images; false for repositories read file by file over HTTP.
     */
    default boolean cheapReads() {
        return true;
    }
}
