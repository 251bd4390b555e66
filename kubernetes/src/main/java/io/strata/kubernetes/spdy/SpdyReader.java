package io.strata.kubernetes.spdy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns one direction of a session's byte stream into frames, however the bytes are split: {@link #feed} buffers
 * a partial frame until the rest arrives. Unknown control frame types (CREDENTIAL, future ones) are skipped, as the
 * spec asks. Not thread-safe: feed it from one thread (a transport's receive callback).
 */
public final class SpdyReader implements AutoCloseable {

    private final HeaderDecompressor headers = new HeaderDecompressor();
    private byte[] pending = new byte[0];

    /**
     * The frames completed by {@code bytes} (possibly none), in order.
     *
     * @throws SpdyProtocolException when the stream is not SPDY/3.1
     */
    public List<SpdyFrame> feed(byte[] bytes, int offset, int length) {
        byte[] all = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(bytes, offset, all, pending.length, length);
        List<SpdyFrame> frames = new ArrayList<>();
        int at = 0;
        while (all.length - at >= 8) {
            int payload = ((all[at + 5] & 0xFF) << 16) | ((all[at + 6] & 0xFF) << 8) | (all[at + 7] & 0xFF);
            if (all.length - at < 8 + payload) {
                break;
            }
            SpdyFrame frame = parse(ByteBuffer.wrap(all, at, 8 + payload).slice());
            if (frame != null) {
                frames.add(frame);
            }
            at += 8 + payload;
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        return frames;
    }

    /** Feeds a whole array. */
    public List<SpdyFrame> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    private SpdyFrame parse(ByteBuffer b) {
        int first = b.getInt();
        int flagsAndLength = b.getInt();
        int flags = flagsAndLength >>> 24;
        int length = flagsAndLength & 0xFFFFFF;
        if (first >= 0) {
            byte[] data = new byte[length];
            b.get(data);
            return new SpdyFrame.Data(first, flags, data);
        }
        int version = (first >>> 16) & 0x7FFF;
        int type = first & 0xFFFF;
        if (version != SpdyWriter.VERSION) {
            throw new SpdyProtocolException("unsupported SPDY version " + version);
        }
        try {
            return control(type, flags, length, b);
        } catch (java.nio.BufferUnderflowException e) {
            throw new SpdyProtocolException("control frame of type " + type + " is too short: " + length
                    + " bytes", e);
        }
    }

    private SpdyFrame control(int type, int flags, int length, ByteBuffer b) {
        return switch (type) {
            case 1 -> {
                int stream = b.getInt() & 0x7FFFFFFF;
                int associated = b.getInt() & 0x7FFFFFFF;
                int priority = (b.get() & 0xFF) >>> 5;
                b.get();
                yield new SpdyFrame.SynStream(stream, associated, priority, flags, block(b));
            }
            case 2 -> new SpdyFrame.SynReply(b.getInt() & 0x7FFFFFFF, flags, block(b));
            case 3 -> new SpdyFrame.RstStream(b.getInt() & 0x7FFFFFFF, b.getInt());
            case 4 -> {
                int count = b.getInt();
                if (count < 0 || count > b.remaining() / 8) {
                    throw new SpdyProtocolException("SETTINGS claims " + count + " entries in " + length + " bytes");
                }
                List<SpdyFrame.Setting> entries = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int idFlags = b.getInt();
                    entries.add(new SpdyFrame.Setting(idFlags >>> 24, idFlags & 0xFFFFFF, b.getInt()));
                }
                yield new SpdyFrame.Settings(flags, entries);
            }
            case 6 -> new SpdyFrame.Ping(b.getInt());
            case 7 -> new SpdyFrame.GoAway(b.getInt() & 0x7FFFFFFF, b.remaining() >= 4 ? b.getInt() : 0);
            case 8 -> new SpdyFrame.Headers(b.getInt() & 0x7FFFFFFF, flags, block(b));
            case 9 -> {
                int stream = b.getInt() & 0x7FFFFFFF;
                int delta = b.getInt() & 0x7FFFFFFF;
                if (delta == 0) {
                    throw new SpdyProtocolException("WINDOW_UPDATE of stream " + stream + " has delta 0");
                }
                yield new SpdyFrame.WindowUpdate(stream, delta);
            }
            default -> null;
        };
    }

    private Map<String, String> block(ByteBuffer b) {
        byte[] compressed = new byte[b.remaining()];
        b.get(compressed);
        return headers.decompress(compressed);
    }

    @Override
    public void close() {
        headers.close();
    }
}
