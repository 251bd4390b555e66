package io.strata.packages.cosmos;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.packages.repository.RepositoryCache;
import io.strata.packages.repository.RepositoryEntry;
import io.strata.packages.repository.RepositoryList;
import io.strata.packages.universe.IndexEntry;
import io.strata.packages.universe.PackageDefinition;
import io.strata.packages.universe.UniverseRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packages of every repository in list order; the first repository holding a name wins, as in Cosmos. A
 * repository that cannot be loaded is skipped (and logged) so one unreachable server does not hide the others.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final RepositoryList repositories;
    private final RepositoryCache cache;

    /** The catalog over {@code repositories}, loading them through {@code cache}. */
    public Catalog(RepositoryList repositories, RepositoryCache cache) {
        this.repositories = repositories;
        this.cache = cache;
    }

    /** A package found in a repository. */
    public record Found(UniverseRepository repository, IndexEntry entry) {
    }

    /** A resolved package version with the repository it came from. */
    public record Resolved(UniverseRepository repository, PackageDefinition definition) {
    }

    /** Every package name once, from the first repository listing it, in repository then index order. */
    public List<Found> all() {
        Map<String, Found> found = new LinkedHashMap<>();
        for (UniverseRepository repository : loaded()) {
            for (IndexEntry entry : repository.index().packages()) {
                found.putIfAbsent(entry.name(), new Found(repository, entry));
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The package named {@code name}. */
    public Optional<Found> find(String name) {
        return all().stream().filter(f -> f.entry().name().equals(name)).findFirst();
    }

    /**
     * The definition of {@code name} at {@code version} (null: current).
     *
     * @throws PackageException {@code PackageNotFound} or {@code VersionNotFound}
     */
    public Resolved resolve(String name, String version) {
        Found found = find(name).orElseThrow(() -> PackageException.withField(ErrorType.PackageNotFound,
                "package [" + name + "] not found", "packageName", name));
        return found.repository().definition(name, version)
                .map(definition -> new Resolved(found.repository(), definition))
                .orElseThrow(() -> PackageException.withField(ErrorType.VersionNotFound, "version [" + version
                        + "] of package [" + name + "] not found; versions: "
                        + String.join(", ", found.entry().versions().keySet()), "packageVersion",
                        String.valueOf(version)));
    }

    /**
     * Loads {@code entry} afresh, so a repository is only added when its index can be read.
     *
     * @throws PackageException {@code IndexNotFound} naming why it cannot
     */
    public void check(RepositoryEntry entry) {
        cache.evict(entry);
        cache.get(entry);
    }

    private List<UniverseRepository> loaded() {
        List<UniverseRepository> loaded = new ArrayList<>();
        for (RepositoryEntry entry : repositories.list()) {
            try {
                loaded.add(cache.get(entry));
            } catch (PackageException e) {
                LOG.warn("skipping repository {} ({}): {}", entry.name(), entry.uri(), e.getMessage());
            }
        }
        return loaded;
    }
}
