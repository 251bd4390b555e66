package io.strata.agent.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.agent.image.ImagePullException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the registry HTTP API v2 (OCI distribution) for pulls: manifests with content negotiation, blobs with
 * sha256 verification, Bearer-token and basic auth, redirects and retries.
 *
 * <p>Registries on loopback (127.0.0.0/8, {@code localhost}, {@code [::1]}) and those listed as insecure are reached
 * over plain HTTP, every other one over HTTPS. {@code docker.io} is reached at {@code registry-1.docker.io}.
 * Connection errors, 5xx and 429 are retried with exponential backoff; other statuses fail at once. Thread-safe:
 * one client serves every pull of an agent.
 */
public final class RegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int MAX_REDIRECTS = 5;

    private final RegistryCredentials credentials;
    private final Set<String> insecureRegistries;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;
    /** Authorization header values per registry and repository, filled by the challenge flow. */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final AtomicLong blobDownloads = new AtomicLong();

    /**
     * A client with 4 attempts per request and a 250 ms initial backoff.
     *
     * @param insecureRegistries host[:port] entries (as {@code --insecure-registries}) reached over plain HTTP
     */
    public RegistryClient(RegistryCredentials credentials, Set<String> insecureRegistries) {
        this(credentials, insecureRegistries, 4, Duration.ofMillis(250));
    }

    /** A client with explicit retry settings: {@code attempts} >= 1 tries, the backoff doubling after each. */
    public RegistryClient(RegistryCredentials credentials, Set<String> insecureRegistries, int attempts,
                          Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
        }
        this.credentials = credentials;
        this.insecureRegistries = Set.copyOf(insecureRegistries);
        this.attempts = attempts;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** How many blob downloads this client has started (each attempt counts once); for metrics and tests. */
    public long blobDownloads() {
        return blobDownloads.get();
    }

    /**
     * Fetches a manifest or index by tag or digest, with the full Accept list. The digest of the body is checked
     * against the requested digest, if any, and against {@code Docker-Content-Digest}, if sent.
     */
    Manifests.Document manifest(ImageReference image, String reference) {
        URI uri = uri(image, "/manifests/" + reference);
        return withRetries(image, () -> {
            HttpResponse<InputStream> response = exchange(image, uri, Manifests.ACCEPT);
            try (InputStream body = response.body()) {
                checkStatus(image, response, body, "manifest");
                byte[] bytes = body.readNBytes(MAX_MANIFEST_BYTES + 1);
                if (bytes.length > MAX_MANIFEST_BYTES) {
                    throw new ImagePullException(image.toString(), Reason.INVALID, "manifest larger than 4 MiB");
                }
                String digest = Digests.of(bytes);
                String announced = response.headers().firstValue("Docker-Content-Digest").orElse(digest);
                String expected = reference.startsWith("sha256:") ? reference : announced;
                if (!digest.equals(expected) || !digest.equals(announced)) {
                    throw new ImagePullException(image.toString(), Reason.DIGEST_MISMATCH, "manifest "
                            + Digests.shortForm(expected) + ": digest mismatch (got " + Digests.shortForm(digest) + ")");
                }
                try {
                    String type = Manifests.mediaType(response.headers().firstValue("Content-Type").orElse(""), bytes);
                    return new Manifests.Document(type, digest, bytes);
                } catch (JsonProcessingException e) {
                    throw new ImagePullException(image.toString(), Reason.INVALID, "manifest is not JSON", e);
                }
            }
        });
    }

    /**
     * Downloads a blob into {@code target} (created or truncated), verifying its sha256 while writing.
     *
     * @throws ImagePullException DIGEST_MISMATCH when the content does not match; {@code target} is then left for
     *     the caller to delete
     */
    void blob(ImageReference image, String digest, Path target) {
        URI uri = uri(image, "/blobs/" + digest);
        withRetries(image, () -> {
            blobDownloads.incrementAndGet();
            HttpResponse<InputStream> response = exchange(image, uri, "*/*");
            try (InputStream body = response.body()) {
                checkStatus(image, response, body, "blob " + Digests.shortForm(digest));
                MessageDigest sha256 = Digests.sha256();
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        sha256.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                String actual = Digests.format(sha256.digest());
                if (!actual.equals(digest)) {
                    throw new ImagePullException(image.toString(), Reason.DIGEST_MISMATCH, "blob "
                            + Digests.shortForm(digest) + ": digest mismatch (got " + Digests.shortForm(actual) + ")");
                }
                return null;
            }
        });
    }

    /** Whether {@code registry} is reached over plain HTTP. */
    boolean plainHttp(String registry) {
        if (insecureRegistries.contains(registry)) {
            return true;
        }
        String host = host(registry);
        if (insecureRegistries.contains(host) || host.equals("localhost") || host.equals("[::1]")) {
            return true;
        }
        return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private URI uri(ImageReference image, String path) {
        String registry = image.registry().equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : image.registry();
        String scheme = plainHttp(image.registry()) ? "http" : "https";
        return URI.create(scheme + "://" + registry + "/v2/" + image.repository() + path);
    }

    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Thrown inside an attempt for statuses worth retrying (5xx, 429). */
    private static final class RetryableStatus extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        RetryableStatus(String message) {
            super(message);
        }
    }

    private <T> T withRetries(ImageReference image, Attempt<T> attempt) {
        Duration delay = backoff;
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImagePullException(image.toString(), Reason.UNREACHABLE, "pull interrupted", e);
            } catch (IOException e) {
                if (n >= attempts) {
                    throw unreachable(image, e, n);
                }
                LOG.debug("image {}: attempt {} failed ({}), retrying in {} ms", image, n, describe(e), delay.toMillis());
                sleep(image, delay);
                delay = delay.multipliedBy(2);
            }
        }
    }

    private static ImagePullException unreachable(ImageReference image, IOException e, int tries) {
        String cause = e instanceof RetryableStatus
                ? "registry " + image.registry() + " failed: " + e.getMessage()
                : "registry " + image.registry() + " unreachable: " + describe(e);
        return new ImagePullException(image.toString(), Reason.UNREACHABLE,
                cause + (tries > 1 ? " (" + tries + " attempts)" : ""), e);
    }

    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return t.getMessage() == null || t.getMessage().isBlank() ? "connection refused"
                        : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof HttpTimeoutException) {
                return "timed out";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(ImageReference image, Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImagePullException(image.toString(), Reason.UNREACHABLE, "pull interrupted", e);
        }
    }

    /**
     * One GET with authentication and redirects: a 401 runs the challenge flow once and repeats the request;
     * redirects are followed by hand so that credentials never travel to another host (object storage).
     */
    private HttpResponse<InputStream> exchange(ImageReference image, URI uri, String accept)
            throws IOException, InterruptedException {
        String authKey = image.registry() + "/" + image.repository();
        URI current = uri;
        boolean authenticated = false;
        for (int hops = 0; hops <= MAX_REDIRECTS; ) {
            boolean sameHost = current.getAuthority().equals(uri.getAuthority());
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(Duration.ofSeconds(60))
                    .header("Accept", accept);
            if (current.getScheme().equals("http")) {
                request.version(HttpClient.Version.HTTP_1_1);
            }
            String authorization = authorizations.get(authKey);
            if (sameHost && authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status == 401 && sameHost && !authenticated) {
                String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
                drain(response);
                authorizations.put(authKey, authenticate(image, challenge));
                authenticated = true;
            } else if (status == 401 && sameHost && authorization != null
                    && authorization.startsWith("Basic ")) {
                drain(response); // the registry itself checks the login: say whose it refused
                throw new ImagePullException(image.toString(), Reason.UNAUTHORIZED, "unauthorized: registry "
                        + image.registry() + " refused the credentials of user " + credentials.forRegistry(
                                image.registry()).map(RegistryCredentials.Login::user).orElse("?") + " (401)");
            } else if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                String location = response.headers().firstValue("Location").orElseThrow();
                drain(response);
                current = current.resolve(location);
                hops++;
            } else {
                return response;
            }
        }
        throw new ImagePullException(image.toString(), Reason.INVALID, "more than " + MAX_REDIRECTS + " redirects");
    }

    /** The Authorization header value that answers a {@code WWW-Authenticate} challenge. */
    private String authenticate(ImageReference image, String challenge) throws IOException, InterruptedException {
        var login = credentials.forRegistry(image.registry());
        String basic = login.map(l -> "Basic " + Base64.getEncoder().encodeToString(
                (l.user() + ":" + l.password()).getBytes(StandardCharsets.UTF_8))).orElse(null);
        String scheme = challenge.split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            if (basic == null) {
                throw new ImagePullException(image.toString(), Reason.UNAUTHORIZED,
                        "unauthorized: registry " + image.registry() + " requires credentials and none are configured "
                                + "for it (--registry-credentials)");
            }
            return basic;
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw new ImagePullException(image.toString(), Reason.UNAUTHORIZED,
                    "unauthorized: registry " + image.registry() + " asks for unsupported authentication '"
                            + challenge + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new ImagePullException(image.toString(), Reason.UNAUTHORIZED, "Bearer challenge without realm");
        }
        return "Bearer " + token(image, realm, params, basic, login.map(RegistryCredentials.Login::user));
    }

    private String token(ImageReference image, String realm, Map<String, String> params, String basic,
                         java.util.Optional<String> user) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        if (params.containsKey("service")) {
            query.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        String scope = params.getOrDefault("scope", "repository:" + image.repository() + ":pull");
        query.append(query.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30));
        if (basic != null) {
            request.header("Authorization", basic);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 500) {
            throw new RetryableStatus("token server " + realm + " answered " + response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new ImagePullException(image.toString(), Reason.UNAUTHORIZED,
                    "unauthorized: token server " + realm + " refused " + user.map(u -> "the credentials of user " + u)
                            .orElse("anonymous access (no credentials configured for " + image.registry() + ")")
                            + " (" + response.statusCode() + ")");
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new ImagePullException(image.toString(), Reason.UNAUTHORIZED, "token server " + realm + " sent no token");
        }
        return token;
    }

    /** Turns a non-200 status into the matching failure; 5xx and 429 are retried by the caller. */
    private static void checkStatus(ImageReference image, HttpResponse<InputStream> response, InputStream body,
                                    String what) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        String detail = errorDetail(status, body);
        if (status >= 500 || status == 429) {
            throw new RetryableStatus(what + ": " + detail);
        }
        Reason reason = switch (status) {
            case 401, 403 -> Reason.UNAUTHORIZED;
            case 404 -> Reason.NOT_FOUND;
            default -> Reason.INVALID;
        };
        String cause = what.startsWith("manifest") ? detail : what + ": " + detail;
        throw new ImagePullException(image.toString(), reason, reason == Reason.UNAUTHORIZED ? "unauthorized: " + cause
                : cause);
    }

    /** {@code manifest unknown (404 MANIFEST_UNKNOWN)} from the registry's error body, or the bare status. */
    private static String errorDetail(int status, InputStream body) {
        try {
            JsonNode error = JSON.readTree(body.readNBytes(64 << 10)).path("errors").path(0);
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            if (!code.isEmpty()) {
                return (message.isEmpty() ? code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : message)
                        + " (" + status + " " + code + ")";
            }
        } catch (IOException | RuntimeException e) {
            // not a registry error body: the status alone says enough
        }
        return "HTTP " + status;
    }

    private static void drain(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static String host(String registry) {
        if (registry.startsWith("[")) {
            return registry.substring(0, registry.indexOf(']') + 1);
        }
        int colon = registry.indexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }
}
