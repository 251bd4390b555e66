package io.strata.packages.universe;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A repository distributed as a zip, as the Universe was; the repository root is the folder of the zip that
 * holds {@code meta/index.json} (e.g. {@code universe-version-2.x/repo/}).
 */
public final class ZipSource implements RepositorySource {
    private static final String INDEX = "meta/index.json";
    /** Refuses zips that would unpack to more than this (a repository of text files is far smaller). */
    private static final long MAX_BYTES = 64L << 20;

    private final Map<String, byte[]> files;

    private ZipSource(Map<String, byte[]> files) {
        this.files = files;
    }

    /**
     * Reads every file of {@code zip} into memory.
     *
     * @throws PackageException {@code IndexNotFound} when it is not a zip, is too large or has no index
     */
    public static ZipSource of(byte[] zip, String origin) {
        Map<String, byte[]> entries = new HashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes = in.readNBytes((int) Math.min(MAX_BYTES - total + 1, Integer.MAX_VALUE - 8));
                total += bytes.length;
                if (total > MAX_BYTES) {
                    throw new PackageException(ErrorType.IndexNotFound, origin + " unpacks to more than "
                            + (MAX_BYTES >> 20) + " MiB");
                }
                entries.put(entry.getName(), bytes);
            }
        } catch (IOException e) {
            throw new PackageException(ErrorType.IndexNotFound, origin + " is not a readable zip: " + e.getMessage());
        }
        String prefix = entries.keySet().stream().filter(name -> name.endsWith(INDEX))
                .map(name -> name.substring(0, name.length() - INDEX.length()))
                .min((a, b) -> Integer.compare(a.length(), b.length()))
                .orElseThrow(() -> new PackageException(ErrorType.IndexNotFound, origin + " has no " + INDEX));
        Map<String, byte[]> rooted = new HashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith(prefix)) {
                rooted.put(name.substring(prefix.length()), bytes);
            }
        });
        return new ZipSource(Map.copyOf(rooted));
    }

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
