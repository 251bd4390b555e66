package io.strata.kubernetes.spdy;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Serialises frames for one direction of a session. Header blocks share one zlib stream, so frames must reach the
 * peer in the order this writer produced them: {@link #write} is synchronised, and callers that send from several
 * threads should send inside their own lock held across encode and send (see {@code PortForwardSession}).
 */
public final class SpdyWriter implements AutoCloseable {

    /** The protocol version in every control frame. */
    static final int VERSION = 3;
    private static final int MAX_LENGTH = 0xFFFFFF;

    private final HeaderCompressor headers = new HeaderCompressor();

    /** The bytes of {@code frame}. */
    public synchronized byte[] write(SpdyFrame frame) {
        return switch (frame) {
            case SpdyFrame.Data d -> data(d);
            case SpdyFrame.SynStream s -> control(1, s.flags(), ByteBuffer.allocate(10)
                    .putInt(s.streamId()).putInt(s.associatedStreamId()).put((byte) (s.priority() << 5)).put((byte) 0)
                    .array(), headers.compress(s.headers()));
            case SpdyFrame.SynReply r -> control(2, r.flags(), ByteBuffer.allocate(4).putInt(r.streamId()).array(),
                    headers.compress(r.headers()));
            case SpdyFrame.RstStream r -> control(3, 0, ByteBuffer.allocate(8).putInt(r.streamId())
                    .putInt(r.status()).array(), new byte[0]);
            case SpdyFrame.Settings s -> settings(s);
            case SpdyFrame.Ping p -> control(6, 0, ByteBuffer.allocate(4).putInt(p.id()).array(), new byte[0]);
            case SpdyFrame.GoAway g -> control(7, 0, ByteBuffer.allocate(8).putInt(g.lastGoodStreamId())
                    .putInt(g.status()).array(), new byte[0]);
            case SpdyFrame.Headers h -> control(8, h.flags(), ByteBuffer.allocate(4).putInt(h.streamId()).array(),
                    headers.compress(h.headers()));
            case SpdyFrame.WindowUpdate w -> control(9, 0, ByteBuffer.allocate(8).putInt(w.streamId())
                    .putInt(w.delta()).array(), new byte[0]);
        };
    }

    /** Convenience for a SYN_REPLY with no headers and no flags, as the port-forward server sends. */
    public byte[] synReply(int streamId) {
        return write(new SpdyFrame.SynReply(streamId, 0, Map.of()));
    }

    private static byte[] data(SpdyFrame.Data d) {
        checkLength(d.data().length);
        return ByteBuffer.allocate(8 + d.data().length).putInt(d.streamId())
                .putInt((d.flags() & 0xFF) << 24 | d.data().length).put(d.data()).array();
    }

    private static byte[] settings(SpdyFrame.Settings s) {
        ByteBuffer body = ByteBuffer.allocate(4 + 8 * s.entries().size()).putInt(s.entries().size());
        for (SpdyFrame.Setting e : s.entries()) {
            body.putInt((e.flags() & 0xFF) << 24 | (e.id() & 0xFFFFFF)).putInt(e.value());
        }
        return control(4, s.flags(), body.array(), new byte[0]);
    }

    private static byte[] control(int type, int flags, byte[] fixed, byte[] block) {
        int length = fixed.length + block.length;
        checkLength(length);
        return ByteBuffer.allocate(8 + length).putShort((short) (0x8000 | VERSION)).putShort((short) type)
                .putInt((flags & 0xFF) << 24 | length).put(fixed).put(block).array();
    }

    private static void checkLength(int length) {
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("frame payload of " + length + " bytes exceeds 2^24-1");
        }
    }

    @Override
    public synchronized void close() {
        headers.close();
    }
}
