package io.strata.testing.images;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform an image is built for, as written in the image config and in index entries.
 *
 * @param os the GOOS value, e.g. {@code linux}
 * @param architecture the GOARCH value, e.g. {@code amd64} or {@code arm64}
 * @param variant the CPU variant, e.g. {@code v8} for arm64, or {@code null} for none
 */
public record Platform(String os, String architecture, String variant) {
  /** linux/amd64: what Strata agents run. */
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);
  /** linux/arm64/v8: the usual second entry of a multi-platform index. */
  public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", "v8");

  /** Validates that os and architecture are present. */
  public Platform {
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      throw new IllegalArgumentException("os and architecture are required: " + os + "/" + architecture);
    }
  }

  /** The {@code platform} object of an index entry. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("architecture", architecture);
    json.put("os", os);
    if (variant != null) {
      json.put("variant", variant);
    }
    return json;
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
