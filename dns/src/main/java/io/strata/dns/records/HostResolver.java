package io.strata.dns.records;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a hostname into an IPv4 address, as Mesos-DNS's {@code hostToIP4}: an IPv4 literal is itself, a name is
 * looked up. The lookup is the port through which record generation touches the network; tests pass a table.
 */
@FunctionalInterface
public interface HostResolver {
    /** Dotted-quad IPv4 addresses. */
    Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** The IPv4 address of a name that is not an IPv4 literal; empty when it has none. */
    Optional<String> lookup(String hostname);

    /** The IPv4 address of {@code host}: itself when it is a literal, else {@link #lookup}. */
    default Optional<String> ipv4(String host) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return isIpv4(host) ? Optional.of(host) : lookup(host);
    }

    /** Whether {@code text} is a dotted-quad IPv4 literal. */
    static boolean isIpv4(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    /** A resolver that knows no names (literals only). */
    static HostResolver literalsOnly() {
        return name -> Optional.empty();
    }
}
