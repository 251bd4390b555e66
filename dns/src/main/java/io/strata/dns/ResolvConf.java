package io.strata.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads upstream resolvers: the {@code nameserver} lines of resolv.conf and {@code host[:port]} lists. */
public final class ResolvConf {
    /** The host's resolver configuration. */
    public static final Path HOST = Path.of("/etc/resolv.conf");

    private ResolvConf() {
    }

    /** The nameservers of a resolv.conf (port 53); empty when the file is missing or unreadable. */
    public static List<InetSocketAddress> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The nameservers of resolv.conf text, in order. */
    public static List<InetSocketAddress> parse(String text) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                String host = words[1].contains("%") ? words[1].substring(0, words[1].indexOf('%')) : words[1];
                out.add(new InetSocketAddress(host, 53));
            }
        }
        return out;
    }

    /**
     * A comma-separated list of {@code host[:port]} ({@code [v6]:port} for IPv6); port 53 when absent.
     *
     * @throws IllegalArgumentException naming the entry that is not an address
     */
    public static List<InetSocketAddress> parseList(String list) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String host = e;
            int port = 53;
            int colon = e.lastIndexOf(':');
            if (e.startsWith("[")) {
                int close = e.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("--resolvers: bad address '" + e + "'");
                }
                host = e.substring(1, close);
                if (close + 1 < e.length() && e.charAt(close + 1) == ':') {
                    port = port(e.substring(close + 2), e);
                }
            } else if (colon > 0 && e.indexOf(':') == colon) {
                host = e.substring(0, colon);
                port = port(e.substring(colon + 1), e);
            }
            out.add(new InetSocketAddress(host, port));
        }
        return out;
    }

    private static int port(String text, String entry) {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65_535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--resolvers: bad port in '" + entry + "'");
        }
    }
}
