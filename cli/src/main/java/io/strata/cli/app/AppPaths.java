package io.strata.cli.app;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** App ids as the Marathon API takes them in paths: absolute, segments URL-encoded. */
final class AppPaths {
    private AppPaths() {
    }

    /** {@code web} and {@code /web} both give {@code /web}; an empty id is bad input. */
    static String id(String id) {
        String trimmed = id.strip();
        if (trimmed.isEmpty() || trimmed.equals("/")) {
            throw new CliFailure(ExitCodes.USAGE, "an app id is required, e.g. /web");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : trimmed.split("/")) {
            if (!segment.isEmpty()) {
                out.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    /** {@code ?force=true} or nothing. */
    static String force(boolean force) {
        return force ? "?force=true" : "";
    }
}
