package io.strata.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a Strata cluster keeps its state: a ZooKeeper connect string plus the base path of the cluster's znodes.
 *
 * <p>Accepted forms, as Mesos takes them in {@code --zk} and {@code --master}:
 * {@code zk://host:port[,host:port...]/path}, the same without the {@code zk://} scheme, and either without a path,
 * which means {@value #DEFAULT_PATH}. A host without a port means ZooKeeper's default port {@value #DEFAULT_PORT};
 * IPv6 hosts are written in brackets ({@code [::1]:2181}). Credentials ({@code user:pass@}) are not supported.
 *
 * @param connectString the normalized ZooKeeper connect string, {@code host:port} pairs joined by commas
 * @param path the absolute base path, never the root and never with a trailing slash
 */
public record ZkAddress(String connectString, String path) {

    /** The base path used when an address names none. */
    public static final String DEFAULT_PATH = "/strata";
    /** The port used for a host that names none. */
    public static final int DEFAULT_PORT = 2181;

    private static final String SCHEME = "zk://";

    /** Validates both parts; use {@link #parse(String)} for user input, which explains errors in more detail. */
    public ZkAddress {
        Objects.requireNonNull(connectString, "connectString");
        Objects.requireNonNull(path, "path");
        if (connectString.isBlank()) {
            throw new IllegalArgumentException("connect string must not be blank");
        }
        String problem = StorePaths.baseProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("path '" + path + "' " + problem);
        }
    }

    /**
     * Parses a user-supplied address such as {@code zk://zk1.example:2181,zk2.example:2181/strata}.
     *
     * @throws IllegalArgumentException naming the input and the part that is wrong
     */
    public static ZkAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("zk address is empty");
        }
        String rest = stripScheme(address);
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? DEFAULT_PATH : rest.substring(slash);
        if (hosts.contains("@")) {
            throw invalid(address, "credentials ('user:password@') are not supported");
        }
        if (hosts.isEmpty()) {
            throw invalid(address, "no host:port given");
        }
        List<String> servers = new ArrayList<>();
        for (String server : hosts.split(",", -1)) {
            servers.add(parseServer(address, server));
        }
        String problem = StorePaths.baseProblem(path);
        if (problem != null) {
            throw invalid(address, "path '" + path + "' " + problem);
        }
        return new ZkAddress(String.join(",", servers), path);
    }

    /** Returns the address in {@code zk://} form; {@code parse(toString())} gives an equal address. */
    @Override
    public String toString() {
        return SCHEME + connectString + path;
    }

    private static String stripScheme(String address) {
        int schemeEnd = address.indexOf("://");
        if (schemeEnd < 0) {
            return address;
        }
        String scheme = address.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("zk")) {
            throw invalid(address, "scheme '" + scheme + "' is not 'zk'");
        }
        return address.substring(schemeEnd + 3);
    }

    /** Parses one {@code host[:port]} and returns it normalized as {@code host:port}. */
    private static String parseServer(String address, String server) {
        if (server.isEmpty()) {
            throw invalid(address, "empty host:port entry");
        }
        String host;
        String port;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw invalid(address, "IPv6 host '" + server + "' lacks a closing ']'");
            }
            host = server.substring(0, close + 1);
            String after = server.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw invalid(address, "unexpected '" + after + "' after IPv6 host " + host);
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = server.indexOf(':');
            host = colon < 0 ? server : server.substring(0, colon);
            port = colon < 0 ? null : server.substring(colon + 1);
        }
        checkHost(address, host);
        return host + ":" + parsePort(address, port);
    }

    private static void checkHost(String address, String host) {
        if (host.isEmpty()) {
            throw invalid(address, "host is empty");
        }
        if (host.startsWith("[")) {
            return;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                throw invalid(address, "host '" + host + "' contains '" + c + "'");
            }
        }
    }

    private static int parsePort(String address, String port) {
        if (port == null) {
            return DEFAULT_PORT;
        }
        if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(address, "port '" + port + "' is not a number");
        }
        int value = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
        if (value < 1 || value > 65_535) {
            throw invalid(address, "port '" + port + "' is out of range 1-65535");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String address, String problem) {
        return new IllegalArgumentException("zk address '" + address + "': " + problem);
    }
}
