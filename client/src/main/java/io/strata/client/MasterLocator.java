package io.strata.client;

import io.strata.api.mesos.MasterInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the user's master address into the base URL of a master.
 *
 * <p>The address comes from {@code --master}, else the {@value #ENV} environment variable, else
 * {@value #DEFAULT}. Accepted forms: {@code http(s)://host[:port]}, {@code host:port}, {@code host} (port 5050),
 * and {@code zk://host:port[,host:port]/path}, which is resolved to the leading master through
 * {@link LeaderLookup}. A plain URL may point at any master: the clients follow its 307 to the leader.
 */
public final class MasterLocator {
    /** The environment variable consulted when no flag is given. */
    public static final String ENV = "STRATA_MASTER";
    /** The address used when neither flag nor environment names one. */
    public static final String DEFAULT = "http://127.0.0.1:5050";
    /** The master port Mesos uses when an address has none. */
    public static final int DEFAULT_PORT = 5050;
    private static final Duration ZK_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9a-fA-F:.]+])(?::(\\d{1,5}))?");
    private static final Pattern PID = Pattern.compile(".*@([^:]+):(\\d+)");

    private final LeaderLookup zooKeeper;

    /** A locator resolving {@code zk://} addresses through {@code zooKeeper}. */
    public MasterLocator(LeaderLookup zooKeeper) {
        this.zooKeeper = zooKeeper;
    }

    /** A locator reading ZooKeeper through the store module's leader detector. */
    public static MasterLocator standard() {
        return new MasterLocator(new ZooKeeperLeaderLookup());
    }

    /**
     * The master URL for a flag value (null when absent) and an environment.
     *
     * @throws StrataClientException {@link StrataClientException.Code#INVALID_ADDRESS} for a malformed address
     */
    public URI locate(String flag, Map<String, String> env) {
        String address = flag;
        if (address == null || address.isBlank()) {
            address = env.get(ENV);
        }
        if (address == null || address.isBlank()) {
            address = DEFAULT;
        }
        return resolve(address.strip());
    }

    /** The master URL for one address in any accepted form. */
    public URI resolve(String address) {
        if (address.startsWith("zk://")) {
            return toUrl(zooKeeper.leader(address, ZK_TIMEOUT), address);
        }
        if (address.startsWith("http://") || address.startsWith("https://")) {
            return parseUrl(address);
        }
        if (address.contains("://")) {
            throw StrataClientException.invalidAddress(address, "use http://host:port, host:port or zk://host:port/path");
        }
        URI uri = parseUrl("http://" + address);
        return uri.getPort() < 0 ? URI.create(uri + ":" + DEFAULT_PORT) : uri;
    }

    /**
     * A leader's MasterInfo as masters write it into their {@code json.info_<seq>} znode, read leniently (masters
     * may leave out the numeric {@code ip} and {@code port}); for components that watch the leader themselves.
     *
     * @throws java.io.IOException if {@code json} is not a JSON object
     */
    public static io.strata.api.mesos.MasterInfo masterInfo(byte[] json) throws java.io.IOException {
        return ZooKeeperLeaderLookup.masterInfo(json);
    }

    /**
     * The base URL of a master from its MasterInfo: {@code address.ip} (else {@code address.hostname}) and
     * {@code address.port}; MasterInfos without {@code address} fall back to the {@code pid} and the hostname.
     */
    public static URI toUrl(MasterInfo info, String source) {
        if (info.address() != null && info.address().port() > 0) {
            String host = notBlank(info.address().ip()) ? info.address().ip() : info.address().hostname();
            if (notBlank(host)) {
                return URI.create("http://" + host + ":" + info.address().port());
            }
        }
        if (info.pid() != null) {
            Matcher pid = PID.matcher(info.pid());
            if (pid.matches()) {
                return URI.create("http://" + pid.group(1) + ":" + pid.group(2));
            }
        }
        if (notBlank(info.hostname()) && info.port() > 0) {
            return URI.create("http://" + info.hostname() + ":" + info.port());
        }
        throw StrataClientException.protocol(URI.create("zk://" + source.substring("zk://".length())),
                "leader's MasterInfo has no address", null);
    }

    static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw StrataClientException.invalidAddress(url, e.getReason());
        }
        String authority = uri.getRawAuthority();
        if (authority == null || !HOST_PORT.matcher(authority).matches()) {
            throw StrataClientException.invalidAddress(url, "expected host or host:port");
        }
        // a path is a master behind a proxy, e.g. the admin router's http://host:7070/mesos
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw StrataClientException.invalidAddress(url, "port out of range");
        }
        return URI.create(uri.getScheme() + "://" + authority + path);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
