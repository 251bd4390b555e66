package io.strata.agent.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in the OCI form {@code sha256:<64 lowercase hex>}. */
final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    /** Whether {@code digest} is a well-formed sha256 digest. */
    static boolean isSha256(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /** A fresh sha256 {@link MessageDigest}. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The digest string of {@code bytes}. */
    static String of(byte[] bytes) {
        return format(sha256().digest(bytes));
    }

    /** The digest string of a finished {@link MessageDigest} value. */
    static String format(byte[] sha256) {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }

    /** The hex part of a sha256 digest, which names files in the store. */
    static String hex(String digest) {
        if (!isSha256(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    /** A short form for messages: {@code sha256:0123456789ab..}. */
    static String shortForm(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) + ".." : digest;
    }
}
