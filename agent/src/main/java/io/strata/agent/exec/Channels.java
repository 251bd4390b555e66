package io.strata.agent.exec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The Kubernetes remote-command channel protocol ({@code v4/v5.channel.k8s.io}) as used on a WebSocket: every binary
 * message starts with one channel byte, the rest is that channel's payload. Channel 3 carries one final Status JSON;
 * {@code 0xff 0x00} (v5 only) closes the client's stdin.
 */
public final class Channels {
    /** Client to server: the command's standard input. */
    public static final int STDIN = 0;
    /** Server to client: the command's standard output. */
    public static final int STDOUT = 1;
    /** Server to client: the command's standard error. */
    public static final int STDERR = 2;
    /** Server to client: the final Status of the command. */
    public static final int ERROR = 3;
    /** Client to server: terminal size changes ({@code {"Width":W,"Height":H}}). */
    public static final int RESIZE = 4;
    /** Client to server (v5): the next byte names a channel the client closes. */
    public static final int CLOSE = 255;
    /** The protocol kubectl 1.32 offers, with the stdin close signal. */
    public static final String V5 = "v5.channel.k8s.io";
    /** The previous protocol: the same framing without the close signal. */
    public static final String V4 = "v4.channel.k8s.io";

    private static final String SUCCESS = "{\"metadata\":{},\"status\":\"Success\"}";

    private Channels() {
    }

    /** Returns a message for {@code channel} carrying {@code length} bytes of {@code data} from {@code offset}. */
    public static ByteBuffer frame(int channel, byte[] data, int offset, int length) {
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("channel out of range: " + channel);
        }
        ByteBuffer out = ByteBuffer.allocate(length + 1);
        out.put((byte) channel).put(data, offset, length).flip();
        return out;
    }

    /** Returns the final status message for a command that ended with {@code exitCode} (0 is Success). */
    public static ByteBuffer exitStatus(int exitCode) {
        if (exitCode == 0) {
            return status(SUCCESS);
        }
        return status("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit "
                + "code: error executing command, exit status " + exitCode + "\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + exitCode + "\"}]}}");
    }

    /** Returns the final status message for a command that could not run; kubectl prints {@code message}. */
    public static ByteBuffer failure(String message) {
        return status("{\"metadata\":{},\"status\":\"Failure\",\"message\":" + quote(message)
                + ",\"reason\":\"InternalError\",\"code\":500}");
    }

    private static ByteBuffer status(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return frame(ERROR, body, 0, body.length);
    }

    /** Quotes {@code text} as a JSON string. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
