package io.strata.testing.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable content with its media type and sha256 digest, as a registry stores it (a config, a layer, a manifest
 * or an index). The content is copied in and out, so a blob can be shared freely.
 */
public final class Blob {
  private final String mediaType;
  private final byte[] content;
  private final String digest;

  /**
   * A blob of the given media type; the digest is computed from {@code content}.
   *
   * @throws IllegalArgumentException if the media type is blank
   */
  public Blob(String mediaType, byte[] content) {
    if (mediaType == null || mediaType.isBlank()) {
      throw new IllegalArgumentException("media type is blank");
    }
    this.mediaType = mediaType;
    this.content = content.clone();
    this.digest = sha256(this.content);
  }

  /** Takes ownership of {@code content} (no copy) with a digest the caller has already computed. */
  Blob(String mediaType, byte[] content, String digest) {
    this.mediaType = mediaType;
    this.content = content;
    this.digest = digest;
  }

  /** Returns {@code "sha256:<64 lowercase hex digits>"} of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  /** Returns a fresh SHA-256 {@link MessageDigest}. */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The media type this blob is described with in a manifest or index. */
  public String mediaType() {
    return mediaType;
  }

  /** A copy of the exact bytes. */
  public byte[] content() {
    return content.clone();
  }

  /** The content as UTF-8 text (for JSON blobs). */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  /** {@code "sha256:<hex>"} of the exact bytes. */
  public String digest() {
    return digest;
  }

  /** Size in bytes. */
  public long size() {
    return content.length;
  }

  /** The same bytes under another media type (the digest is unchanged). */
  public Blob withMediaType(String otherMediaType) {
    return new Blob(otherMediaType, content, digest);
  }

  /** Bytes without a copy, for writers in this package that never modify them. */
  byte[] contentView() {
    return content;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Blob blob && blob.mediaType.equals(mediaType) && Arrays.equals(blob.content, content);
  }

  @Override
  public int hashCode() {
    return digest.hashCode() * 31 + mediaType.hashCode();
  }

  @Override
  public String toString() {
    return "Blob[" + mediaType + ", " + digest + ", " + content.length + " bytes]";
  }
}
