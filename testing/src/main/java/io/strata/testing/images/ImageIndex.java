package io.strata.testing.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-platform image: an OCI image index or a Docker manifest list whose entries point at per-platform
 * manifests of the same format. Immutable.
 */
public final class ImageIndex {
  private final ImageFormat format;
  private final List<OciImage> images;
  private final Blob blob;

  private ImageIndex(ImageFormat format, List<OciImage> images) {
    this.format = format;
    this.images = List.copyOf(images);
    this.blob = new Blob(format.indexMediaType(), Json.bytes(json()));
  }

  /**
   * An index over {@code images}, one entry each, in order.
   *
   * @throws IllegalArgumentException if {@code images} is empty or two images share a platform
   */
  public static ImageIndex of(ImageFormat format, List<OciImage> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("an index needs at least one image");
    }
    if (images.stream().map(OciImage::platform).distinct().count() != images.size()) {
      throw new IllegalArgumentException("two images for the same platform: " + images);
    }
    return new ImageIndex(format, images);
  }

  /** The manifest format of the index and of its entries. */
  public ImageFormat format() {
    return format;
  }

  /** The images, in entry order. */
  public List<OciImage> images() {
    return images;
  }

  /** The index bytes, media type and digest. */
  public Blob blob() {
    return blob;
  }

  private Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schemaVersion", 2);
    json.put("mediaType", format.indexMediaType());
    List<Object> manifests = new ArrayList<>();
    for (OciImage image : images) {
      Map<String, Object> entry = OciImage.descriptor(format.manifestMediaType(), image.manifest(format));
      entry.put("platform", image.platform().toJson());
      manifests.add(entry);
    }
    json.put("manifests", manifests);
    return json;
  }
}
