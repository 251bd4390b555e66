package io.strata.dns.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mesos-DNS naming rules (mesos-dns v0.5.2 {@code records/labels} and {@code records/generator.go}).
 *
 * <p>A label is lowercased; {@code a-z 0-9} are kept, {@code - . _} become {@code -}, everything else is
 * dropped; it is cut to 63 characters (RFC 1123) and loses leading and trailing hyphens. Task names are one label
 * ({@code my.app} becomes {@code my-app}); framework names keep their dots, each part being a label.
 */
public final class Naming {
    /** The longest DNS label (RFC 1123). */
    public static final int MAX_LABEL = 63;
    private static final char[] ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();

    private Naming() {
    }

    /** One RFC 1123 label made of {@code name}; may be empty when nothing valid remains. */
    public static String label(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (c == '-' || c == '.' || c == '_') {
                out.append('-');
            }
        }
        String s = out.length() > MAX_LABEL ? out.substring(0, MAX_LABEL) : out.toString();
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    /** A dotted name whose parts are labels; empty parts are dropped ({@code "My.Fw..x"} -> {@code "my.fw.x"}). */
    public static String domainFragment(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            String l = label(part);
            if (!l.isEmpty()) {
                parts.add(l);
            }
        }
        return String.join(".", parts);
    }

    /** The first five characters of zbase32(sha1(taskId)), the hash in canonical task names. */
    public static String taskHash(String taskId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(taskId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        // 5 characters = the first 25 bits, most significant first, as zbase32 encodes
        long bits = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        char[] out = new char[5];
        for (int i = 0; i < 5; i++) {
            out[i] = ZBASE32[(int) ((bits >>> (27 - 5 * i)) & 0x1f)];
        }
        return new String(out);
    }

    /** The last {@code -} field of an agent id, lowercased ({@code ...-S2} -> {@code s2}). */
    public static String agentIdTail(String agentId) {
        int dash = agentId.lastIndexOf('-');
        return agentId.substring(dash + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code name} as a lowercase fully qualified name with a trailing dot. */
    public static String fqdn(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
