package io.strata.kubernetes.spdy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SPDY/3.1 frame. Stream ids are 31-bit positive numbers (client-initiated ones odd); header maps keep their
 * order and hold lowercase names, a value with several parts joins them with NUL as the wire does.
 */
public sealed interface SpdyFrame {

    /** Flag of DATA, SYN_STREAM, SYN_REPLY and HEADERS: the sender will send nothing more on the stream. */
    int FLAG_FIN = 0x01;
    /** SYN_STREAM flag: the receiver must not send on the stream. */
    int FLAG_UNIDIRECTIONAL = 0x02;

    /** RST_STREAM status: protocol error. */
    int RST_PROTOCOL_ERROR = 1;
    /** RST_STREAM status: the stream is not open. */
    int RST_INVALID_STREAM = 2;
    /** RST_STREAM status: the stream was refused before any processing. */
    int RST_REFUSED_STREAM = 3;
    /** RST_STREAM status: the stream is no longer needed. */
    int RST_CANCEL = 5;
    /** RST_STREAM status: an internal error. */
    int RST_INTERNAL_ERROR = 6;

    /** GOAWAY status: a normal session end. */
    int GOAWAY_OK = 0;

    private static int checkId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("stream id must be a 31-bit non-negative number, was " + id);
        }
        return id;
    }

    private static Map<String, String> copy(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** DATA: application bytes on a stream, with {@link #FLAG_FIN} to end the sender's half. */
    record Data(int streamId, int flags, byte[] data) implements SpdyFrame {
        /** Validates the stream id and copies nothing (the caller hands over {@code data}). */
        public Data {
            checkId(streamId);
            Objects.requireNonNull(data, "data");
        }

        /** Whether this frame ends the sender's half of the stream. */
        public boolean fin() {
            return (flags & FLAG_FIN) != 0;
        }
    }

    /** SYN_STREAM: opens a stream with a header block. */
    record SynStream(int streamId, int associatedStreamId, int priority, int flags, Map<String, String> headers)
            implements SpdyFrame {
        /** Validates ids and priority (0..7) and copies the headers. */
        public SynStream {
            checkId(streamId);
            checkId(associatedStreamId);
            if (priority < 0 || priority > 7) {
                throw new IllegalArgumentException("priority must be 0..7, was " + priority);
            }
            headers = copy(headers);
        }

        /** Whether the stream is opened half-closed by the sender. */
        public boolean fin() {
            return (flags & FLAG_FIN) != 0;
        }
    }

    /** SYN_REPLY: accepts a stream opened by the peer. */
    record SynReply(int streamId, int flags, Map<String, String> headers) implements SpdyFrame {
        /** Validates the id and copies the headers. */
        public SynReply {
            checkId(streamId);
            headers = copy(headers);
        }
    }

    /** RST_STREAM: ends a stream abnormally with a status code. */
    record RstStream(int streamId, int status) implements SpdyFrame {
        /** Validates the id. */
        public RstStream {
            checkId(streamId);
        }
    }

    /** SETTINGS: session parameters (id to value) with per-entry flags. */
    record Settings(int flags, List<Setting> entries) implements SpdyFrame {
        /** Copies the entries. */
        public Settings {
            entries = List.copyOf(entries);
        }
    }

    /** One SETTINGS entry: flags (8 bits), id (24 bits) and value. */
    record Setting(int flags, int id, int value) {
    }

    /** PING: echoed back unchanged by the receiver of a peer's ping. */
    record Ping(int id) implements SpdyFrame {
    }

    /** GOAWAY: the sender ends the session after the last stream it accepted. */
    record GoAway(int lastGoodStreamId, int status) implements SpdyFrame {
        /** Validates the id. */
        public GoAway {
            checkId(lastGoodStreamId);
        }
    }

    /** HEADERS: more headers for an open stream. */
    record Headers(int streamId, int flags, Map<String, String> headers) implements SpdyFrame {
        /** Validates the id and copies the headers. */
        public Headers {
            checkId(streamId);
            headers = copy(headers);
        }
    }

    /** WINDOW_UPDATE: the receiver grants {@code delta} more bytes of flow-control window on a stream. */
    record WindowUpdate(int streamId, int delta) implements SpdyFrame {
        /** Validates the id and the delta (1..2^31-1). */
        public WindowUpdate {
            checkId(streamId);
            if (delta <= 0) {
                throw new IllegalArgumentException("window delta must be positive, was " + delta);
            }
        }
    }
}
