package io.strata.kubernetes.portforward;

import java.util.Map;
import java.util.Optional;

/**
 * The headers kubectl puts on each stream it opens: {@code streamtype} ({@code error} or {@code data}), {@code
 * port} and {@code requestid} (one per forwarded local connection; absent from very old clients).
 */
public record ForwardRequest(StreamType type, String port, String requestId) {

    /** The two stream kinds of one forwarded connection. */
    public enum StreamType { ERROR, DATA }

    /** Header names as kubectl sends them. */
    static final String STREAM_TYPE = "streamtype";
    static final String PORT = "port";
    static final String REQUEST_ID = "requestid";

    /** The request named by a SYN_STREAM's headers; empty when the stream type is missing or unknown. */
    public static Optional<ForwardRequest> of(Map<String, String> headers) {
        StreamType type = switch (headers.getOrDefault(STREAM_TYPE, "")) {
            case "error" -> StreamType.ERROR;
            case "data" -> StreamType.DATA;
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new ForwardRequest(type, headers.getOrDefault(PORT, ""),
                headers.getOrDefault(REQUEST_ID, "")));
    }

    /** The port as a number in 1..65535, or empty with the reason upstream gives for a bad one. */
    public Optional<Integer> portNumber() {
        try {
            int p = Integer.parseInt(port);
            return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
