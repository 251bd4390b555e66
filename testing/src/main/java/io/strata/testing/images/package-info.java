/**
 * Container images for tests, built without Docker: {@link io.strata.testing.images.Layer} writes gzip-compressed
 * tar layers (files with modes and owners, directories, symlinks, hard links, whiteouts) with commons-compress,
 * {@link io.strata.testing.images.OciImage} adds the image config and produces the exact bytes and sha256 digests
 * of config, layers and manifest in OCI or Docker schema 2 form, {@link io.strata.testing.images.ImageIndex} groups
 * images per platform, and {@link io.strata.testing.images.TestRegistry} runs Debian's real {@code docker-registry}
 * on 127.0.0.1 and pushes them through the registry HTTP API v2. {@link io.strata.testing.images.TestImages} holds
 * the stock images: busybox (from busybox-static), nginx (from nginx-light, listening on {@code ${PORT:-80}}) and a
 * large incompressible image for pull benchmarks. Everything is deterministic: the same inputs give the same digests.
 */
package io.strata.testing.images;
