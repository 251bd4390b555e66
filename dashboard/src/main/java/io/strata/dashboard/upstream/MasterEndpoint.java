package io.strata.dashboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.HttpTransport;
import io.strata.client.MasterClient;
import io.strata.client.MasterLocator;
import java.net.URI;

/**
 * The leading master as the dashboard reaches it: the configured address (URL, host:port or {@code zk://}) is
 * resolved through {@link MasterLocator} once and cached; {@link #forget} drops the cache after a failure so the
 * next use resolves again (a {@code zk://} address then finds the new leader; a URL's 307 is followed by the
 * client). Thread-safe.
 */
public final class MasterEndpoint {
    private final String address;
    private final MasterLocator locator;
    private final HttpTransport transport;
    private volatile URI resolved;

    /** The master at {@code address}, resolved with {@code locator}, spoken to over {@code transport}. */
    public MasterEndpoint(String address, MasterLocator locator, HttpTransport transport) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("master address must not be blank");
        }
        this.address = address.strip();
        this.locator = locator;
        this.transport = transport;
    }

    /** The configured address, as given. */
    public String address() {
        return address;
    }

    /** The transport used for every exchange with masters and agents. */
    public HttpTransport transport() {
        return transport;
    }

    /**
     * The master's base URL, resolving the address if needed.
     *
     * @throws io.strata.client.StrataClientException when it cannot be resolved (ZooKeeper down, no leader)
     */
    public URI url() {
        URI url = resolved;
        if (url == null) {
            url = locator.resolve(address);
            resolved = url;
        }
        return url;
    }

    /** Forgets the resolved URL after a failed exchange. */
    public void forget() {
        resolved = null;
    }

    /** A client of the current master. */
    public MasterClient client() {
        return new MasterClient(url(), transport);
    }

    /** GETs a path of the leading master as JSON, forgetting the resolution when the exchange fails. */
    public JsonNode getJson(String pathAndQuery) {
        try {
            return client().getJson(pathAndQuery);
        } catch (RuntimeException e) {
            forget();
            throw e;
        }
    }
}
