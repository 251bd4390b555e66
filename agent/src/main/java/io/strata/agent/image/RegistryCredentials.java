package io.strata.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Basic-auth credentials per registry host ({@code host[:port]} exactly as in image references), from agent
 * configuration. They are sent as HTTP basic auth where a registry asks for Basic, and to the token realm where it
 * asks for a Bearer token.
 */
public record RegistryCredentials(Map<String, Login> logins) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user name and password for one registry. */
    public record Login(String user, String password) {
        public Login {
            if (user == null || user.isEmpty() || password == null) {
                throw new IllegalArgumentException("registry login needs a user and a password");
            }
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=***]";
        }
    }

    public RegistryCredentials {
        logins = logins == null ? Map.of() : Map.copyOf(logins);
    }

    /** No credentials: anonymous pulls only. */
    public static RegistryCredentials none() {
        return new RegistryCredentials(Map.of());
    }

    /** The login for {@code registry} (host[:port]), if configured. */
    public Optional<Login> forRegistry(String registry) {
        return Optional.ofNullable(logins.get(registry));
    }

    /**
     * Reads a Docker {@code config.json} ({@code --registry-credentials FILE}).
     *
     * @throws IllegalArgumentException naming the file and the cause when it cannot be read or parsed
     */
    public static RegistryCredentials load(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--registry-credentials " + file + ": cannot read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry-credentials " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses Docker's {@code config.json} shape: {@code {"auths": {"<registry>": {"auth": base64(user:password)}}}},
     * or {@code "username"} and {@code "password"} fields instead of {@code auth}. Registry keys may be written as
     * URLs ({@code https://index.docker.io/v1/}); the scheme and path are dropped, and Docker Hub's historical
     * names become {@code docker.io}. Other top-level fields ({@code credsStore}, {@code HttpHeaders}) are ignored.
     *
     * @throws IllegalArgumentException naming the entry and the field at fault
     */
    public static RegistryCredentials parse(byte[] configJson) {
        JsonNode root;
        try {
            root = JSON.readTree(configJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"auths\"");
        }
        JsonNode auths = root.path("auths");
        if (auths.isMissingNode() || auths.isNull()) {
            return none();
        }
        if (!auths.isObject()) {
            throw new IllegalArgumentException("\"auths\" must be an object of registry -> credentials");
        }
        Map<String, Login> logins = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : auths.properties()) {
            String registry = registryKey(entry.getKey());
            logins.put(registry, login(entry.getKey(), entry.getValue()));
        }
        return new RegistryCredentials(logins);
    }

    private static Login login(String key, JsonNode entry) {
        String where = "auths[\"" + key + "\"]";
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".auth is not base64", e);
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + ".auth must be base64 of user:password");
            }
            return new Login(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        String user = entry.path("username").asText("");
        if (user.isEmpty() || !entry.path("password").isTextual()) {
            throw new IllegalArgumentException(where + " needs \"auth\" or both \"username\" and \"password\"");
        }
        return new Login(user, entry.path("password").asText());
    }

    /** {@code https://host:port/v1/} -> {@code host:port}; Docker Hub's names -> {@code docker.io}. */
    static String registryKey(String key) {
        String k = key.trim();
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        if (k.isEmpty()) {
            throw new IllegalArgumentException("auths has an empty registry name: \"" + key + "\"");
        }
        String lower = k.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageReference.DOCKER_HUB;
            default -> k;
        };
    }
}
