package io.strata.packages.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded Universe repository: its index, and package definitions read from
 * {@code packages/<Initial>/<name>/<revision>/} on first use and kept.
 */
public final class UniverseRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String uri;
    private final PackageIndex index;
    private final RepositorySource source;
    private final Map<String, PackageDefinition> definitions = new ConcurrentHashMap<>();

    private UniverseRepository(String name, String uri, PackageIndex index, RepositorySource source) {
        this.name = name;
        this.uri = uri;
        this.index = index;
        this.source = source;
    }

    /**
     * Reads the index of {@code source}.
     *
     * @throws PackageException {@code IndexNotFound} when the index is missing or malformed
     */
    public static UniverseRepository load(String name, String uri, RepositorySource source) {
        byte[] bytes = source.read("meta/index.json").orElseThrow(() -> new PackageException(
                ErrorType.IndexNotFound, "repository " + name + " (" + uri + ") has no meta/index.json"));
        try {
            return new UniverseRepository(name, uri, PackageIndex.fromJson(JSON.readTree(bytes)), source);
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageException(ErrorType.IndexNotFound, "repository " + name + " (" + uri
                    + "): meta/index.json is malformed: " + e.getMessage());
        }
    }

    /** The repository's name in the repository list. */
    public String name() {
        return name;
    }

    /** Where it was loaded from. */
    public String uri() {
        return uri;
    }

    /** Whether its files are cheap to read (see {@link RepositorySource#cheapReads()}). */
    public boolean cheapReads() {
        return source.cheapReads();
    }

    /** Its index. */
    public PackageIndex index() {
        return index;
    }

    /**
     * The definition of {@code packageName} at {@code version} (null: the current version), if the index lists it.
     *
     * @throws PackageException {@code PackageFileMalformed} when a listed package's files are missing or malformed
     */
    public Optional<PackageDefinition> definition(String packageName, String version) {
        Optional<IndexEntry> entry = index.find(packageName);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String wanted = version == null ? entry.get().currentVersion() : version;
        String release = entry.get().versions().get(wanted);
        if (release == null) {
            return Optional.empty();
        }
        return Optional.of(definitions.computeIfAbsent(packageName + "@" + release,
                key -> read(packageName, release)));
    }

    private PackageDefinition read(String packageName, String release) {
        String dir = "packages/" + packageName.substring(0, 1).toUpperCase(Locale.ROOT) + "/" + packageName + "/"
                + release + "/";
        ObjectNode packageJson = object(dir, "package.json", true);
        String template = source.read(dir + "marathon.json.mustache")
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        try {
            return new PackageDefinition(packageJson, object(dir, "config.json", false), template,
                    object(dir, "resource.json", false), object(dir, "command.json", false), release);
        } catch (IllegalArgumentException e) {
            throw new PackageException(ErrorType.PackageFileMalformed, "repository " + name + ": " + e.getMessage());
        }
    }

    private ObjectNode object(String dir, String file, boolean required) {
        Optional<byte[]> bytes = source.read(dir + file);
        if (bytes.isEmpty()) {
            if (required) {
                throw new PackageException(ErrorType.PackageFileMalformed, "repository " + name + ": " + dir + file
                        + " is missing");
            }
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes.get());
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IOException("not a JSON object");
        } catch (IOException e) {
            throw new PackageException(ErrorType.PackageFileMalformed, "repository " + name + ": " + dir + file
                    + " is malformed: " + e.getMessage());
        }
    }
}
