package io.strata.packages.universe;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A repository served as plain files over HTTP(S): {@code <base>/meta/index.json}, {@code <base>/packages/...}. */
public final class HttpSource implements RepositorySource {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    /** Files below {@code base} (no trailing slash needed). */
    public HttpSource(URI base, HttpClient http) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = http;
    }

    @Override
    public Optional<byte[]> read(String path) {
        HttpResponse<byte[]> response = get(http, base.resolve(path));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw new PackageException(ErrorType.IndexNotFound, "GET " + base.resolve(path) + " answered "
                    + response.statusCode());
        }
        return Optional.of(response.body());
    }

    @Override
    public boolean cheapReads() {
        return false;
    }

    /** GETs {@code uri} following redirects; an unreachable server is {@code IndexNotFound}. */
    static HttpResponse<byte[]> get(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PackageException(ErrorType.IndexNotFound, "cannot fetch " + uri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackageException(ErrorType.IndexNotFound, "interrupted while fetching " + uri);
        }
    }
}
