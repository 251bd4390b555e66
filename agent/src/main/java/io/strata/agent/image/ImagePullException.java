package io.strata.agent.image;

import java.io.Serial;

/**
 * Why an image could not be pulled or unpacked: the one exception type of this package. The message names the image
 * and the cause ({@code image 127.0.0.1:5000/busybox:nope: manifest unknown (404 MANIFEST_UNKNOWN)}), ready to be a
 * task status message; {@link #reason()} classifies it for callers that map it to a status reason.
 */
public final class ImagePullException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Reason {
        /** Unknown repository, tag, digest or blob. */
        NOT_FOUND,
        /** The registry refused our credentials, or asked for credentials we do not have. */
        UNAUTHORIZED,
        /** The registry could not be reached, or kept failing with 5xx after retries. */
        UNREACHABLE,
        /** Content did not match its digest (blob, manifest or layer diff_id). */
        DIGEST_MISMATCH,
        /** The index offers no linux/amd64 image. */
        NO_PLATFORM,
        /** The registry or the image sent something this puller does not understand or refuses (unsafe tar). */
        INVALID,
        /** The local image store failed (disk full, permissions). */
        STORE
    }

    private final String image;
    private final Reason reason;

    /** An exception about {@code image} with {@code cause} as the human-readable explanation. */
    public ImagePullException(String image, Reason reason, String cause) {
        this(image, reason, cause, null);
    }

    /** As {@link #ImagePullException(String, Reason, String)}, keeping the underlying exception. */
    public ImagePullException(String image, Reason reason, String cause, Throwable underlying) {
        super("image " + image + ": " + cause, underlying);
        this.image = image;
        this.reason = reason;
    }

    /** The image reference as the caller wrote it or as it was canonicalized. */
    public String image() {
        return image;
    }

    /** The classification of the failure. */
    public Reason reason() {
        return reason;
    }
}
