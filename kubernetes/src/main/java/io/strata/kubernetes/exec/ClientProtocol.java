package io.strata.kubernetes.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The channel protocols a client may speak to {@code pods/exec} over WebSocket, and how each differs from the agent's
 * {@code v5.channel.k8s.io}: base64 variants carry every message as a text message (the channel as an ASCII digit,
 * then the payload in base64); the unversioned ones put no Status JSON on the error channel, only a failure's message
 * text (nothing on success), so their clients see no exit code. Only v5 has the stdin close signal.
 */
public enum ClientProtocol {
    /** kubectl 1.30+: binary, Status JSON, stdin close signal. */
    V5("v5.channel.k8s.io", false, true),
    /** Binary, Status JSON. */
    V4("v4.channel.k8s.io", false, true),
    /** Base64 text messages, Status JSON. */
    V4_BASE64("v4.base64.channel.k8s.io", true, true),
    /** Binary, the failure message as text on the error channel. */
    V1("channel.k8s.io", false, false),
    /** Base64 text messages, the failure message as text on the error channel. */
    V1_BASE64("base64.channel.k8s.io", true, false);

    /** Every WebSocket subprotocol name, in the server's order of preference. */
    public static final List<String> NAMES = Arrays.stream(values()).map(ClientProtocol::protocolName).toList();

    private final String protocolName;
    private final boolean base64;
    private final boolean statusJson;

    ClientProtocol(String protocolName, boolean base64, boolean statusJson) {
        this.protocolName = protocolName;
        this.base64 = base64;
        this.statusJson = statusJson;
    }

    /** The subprotocol's name as offered in {@code Sec-WebSocket-Protocol}. */
    public String protocolName() {
        return protocolName;
    }

    /** Whether messages are base64 text messages. */
    public boolean base64() {
        return base64;
    }

    /** Whether the error channel carries the Status as JSON (else the failure's message text). */
    public boolean statusJson() {
        return statusJson;
    }

    /** The protocol named {@code name}, if it is one of these. */
    public static Optional<ClientProtocol> of(String name) {
        return Arrays.stream(values()).filter(p -> p.protocolName.equals(name)).findFirst();
    }
}
