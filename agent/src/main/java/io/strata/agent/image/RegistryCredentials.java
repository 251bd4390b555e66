package io.strata.agent.image;

import java.util.Map;
import java.util.Optional;

/**
 * Basic-auth credentials per registry host ({@code host[:port]} exactly as in image references), from agent
 * configuration. They are sent as HTTP basic auth where a registry asks for Basic, and to the token realm where it
 * asks for a Bearer token.
 */
public record RegistryCredentials(Map<String, Login> logins) {
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
}
