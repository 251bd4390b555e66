package io.strata.testing.images;

/**
 * The two manifest families a registry serves. Config and layer bytes are identical in both; only the media types
 * in the manifest (and of the manifest itself) differ.
 */
public enum ImageFormat {
  /** OCI image spec media types. */
  OCI("application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.config.v1+json",
      "application/vnd.oci.image.layer.v1.tar+gzip"),
  /** Docker image manifest v2, schema 2. */
  DOCKER_V2("application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.container.image.v1+json",
      "application/vnd.docker.image.rootfs.diff.tar.gzip");

  private final String manifestMediaType;
  private final String indexMediaType;
  private final String configMediaType;
  private final String layerMediaType;

  ImageFormat(String manifestMediaType, String indexMediaType, String configMediaType, String layerMediaType) {
    this.manifestMediaType = manifestMediaType;
    this.indexMediaType = indexMediaType;
    this.configMediaType = configMediaType;
    this.layerMediaType = layerMediaType;
  }

  /** Media type of an image manifest (the Content-Type of a manifest PUT and GET). */
  public String manifestMediaType() {
    return manifestMediaType;
  }

  /** Media type of a multi-platform index (OCI) or manifest list (Docker). */
  public String indexMediaType() {
    return indexMediaType;
  }

  /** Media type of the config descriptor. */
  public String configMediaType() {
    return configMediaType;
  }

  /** Media type of a gzip-compressed layer descriptor. */
  public String layerMediaType() {
    return layerMediaType;
  }
}
