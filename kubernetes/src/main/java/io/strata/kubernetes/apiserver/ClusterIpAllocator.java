package io.strata.kubernetes.apiserver;

import java.util.Set;

/**
 * Picks Service cluster IPs from an IPv4 CIDR ({@code 127.100.0.0/16} by default, loopback so a single machine can
 * bind them): the lowest free address after the network address.
 */
public final class ClusterIpAllocator {

    private final int network;
    private final int size;
    private final String cidr;

    /** An allocator over {@code cidr} ({@code a.b.c.d/n}, n between 8 and 30). */
    public ClusterIpAllocator(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("service CIDR must look like 127.100.0.0/16: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("service CIDR prefix must be between 8 and 30: " + cidr);
        }
        this.size = 1 << (32 - prefix);
        this.network = toInt(parts[0]) & -size;
        this.cidr = cidr;
    }

    /** The CIDR served. */
    public String cidr() {
        return cidr;
    }

    /** The lowest address of the range not in {@code used}, or null when the range is full. */
    public String allocate(Set<String> used) {
        for (int i = 1; i < size - 1; i++) {
            String ip = toText(network + i);
            if (!used.contains(ip)) {
                return ip;
            }
        }
        return null;
    }

    /** Whether {@code ip} lies in the range. */
    public boolean contains(String ip) {
        try {
            return (toInt(ip) & -size) == network;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int toInt(String ip) {
        String[] o = ip.split("\\.");
        if (o.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        int v = 0;
        for (String s : o) {
            int b = Integer.parseInt(s);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            v = (v << 8) | b;
        }
        return v;
    }

    private static String toText(int v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }
}
