package io.strata.packages.universe;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the {@link RepositorySource} a repository URI names: {@value #BUILTIN_URI} (the repository inside the
 * jar), {@code file:} (a folder or a zip), {@code http(s):} (a zip, or a folder served as files).
 *
 * <p>A folder may be the repository root itself or a Universe checkout holding {@code repo/meta/index.json}.
 */
public final class Sources {
    /** The URI of the repository shipped inside Strata. */
    public static final String BUILTIN_URI = "builtin:universe";
    /** Where that repository's files are on the class path. */
    public static final String BUILTIN_ROOT = "strata-universe/repo";
    private static final String INDEX = "meta/index.json";

    private Sources() {
    }

    /**
     * Checks that {@code uri} has a supported scheme, without fetching anything.
     *
     * @throws PackageException {@code RepositoryUriSyntax} naming the problem
     */
    public static URI check(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri.strip());
        } catch (IllegalArgumentException e) {
            throw PackageException.withField(ErrorType.RepositoryUriSyntax, "repository uri '" + uri
                    + "' is not a URI: " + e.getMessage(), "uri", uri);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "http", "https" -> parsed.getHost() != null;
            case "file" -> parsed.getPath() != null;
            case "builtin" -> parsed.toString().equals(BUILTIN_URI);
            default -> false;
        };
        if (!ok) {
            throw PackageException.withField(ErrorType.RepositoryUriSyntax, "repository uri '" + uri
                    + "' must be http(s)://host/..., file:/path or " + BUILTIN_URI, "uri", uri);
        }
        return parsed;
    }

    /** The source for {@code uri}; remote zips are downloaded now, other remote files on demand. */
    public static RepositorySource open(URI uri, HttpClient http) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "builtin" -> new ClasspathSource(BUILTIN_ROOT);
            case "file" -> openFile(Path.of(uri));
            case "http", "https" -> openHttp(uri, http);
            default -> throw new PackageException(ErrorType.RepositoryUriSyntax, "unsupported scheme in " + uri);
        };
    }

    private static RepositorySource openFile(Path path) {
        try {
            if (Files.isDirectory(path)) {
                Path repo = path.resolve("repo");
                return new DirectorySource(Files.isRegularFile(repo.resolve(INDEX)) ? repo : path);
            }
            if (Files.isRegularFile(path)) {
                return ZipSource.of(Files.readAllBytes(path), path.toString());
            }
        } catch (java.io.IOException e) {
            throw new PackageException(ErrorType.IndexNotFound, "cannot read " + path + ": " + e.getMessage());
        }
        throw new PackageException(ErrorType.IndexNotFound, "no repository at " + path);
    }

    private static RepositorySource openHttp(URI uri, HttpClient http) {
        if (uri.getPath() != null && uri.getPath().endsWith(".zip")) {
            HttpResponse<byte[]> response = HttpSource.get(http, uri);
            if (response.statusCode() / 100 != 2) {
                throw new PackageException(ErrorType.IndexNotFound, "GET " + uri + " answered " + response.statusCode());
            }
            return ZipSource.of(response.body(), uri.toString());
        }
        HttpSource direct = new HttpSource(uri, http);
        if (direct.read(INDEX).isPresent()) {
            return direct;
        }
        return new HttpSource(URI.create(uri.toString().replaceAll("/*$", "") + "/repo"), http);
    }
}
