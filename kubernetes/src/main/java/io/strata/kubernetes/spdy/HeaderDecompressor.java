package io.strata.kubernetes.spdy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the header blocks of one direction of a session: one zlib stream across all blocks, the SPDY/3
 * dictionary supplied when the stream asks for it. Not thread-safe; the owning {@link SpdyReader} serialises calls.
 */
final class HeaderDecompressor implements AutoCloseable {

    /** A block inflating beyond this is refused (upstream's limit on header size is far smaller). */
    private static final int MAX_BLOCK = 1 << 20;
    private final Inflater inflater = new Inflater();
    private final byte[] buffer = new byte[4096];

    /** The headers of one compressed block. */
    Map<String, String> decompress(byte[] block) {
        if (block.length == 0) {
            return Map.of();
        }
        ByteBuffer plain = ByteBuffer.wrap(inflate(block));
        try {
            int count = plain.getInt();
            if (count < 0 || count > plain.remaining() / 8) {
                throw new SpdyProtocolException("header block claims " + count + " pairs in "
                        + plain.remaining() + " bytes");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                headers.put(readString(plain), readString(plain));
            }
            return headers;
        } catch (java.nio.BufferUnderflowException e) {
            throw new SpdyProtocolException("truncated header block", e);
        }
    }

    private byte[] inflate(byte[] block) {
        inflater.setInput(block);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    inflater.setDictionary(SpdyDictionary.bytes());
                    continue;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_BLOCK) {
                    throw new SpdyProtocolException("header block inflates beyond " + MAX_BLOCK + " bytes");
                }
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    return out.toByteArray();
                }
            }
        } catch (DataFormatException e) {
            throw new SpdyProtocolException("corrupt header block: " + e.getMessage(), e);
        }
    }

    private static String readString(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new SpdyProtocolException("header string of " + length + " bytes overruns its block");
        }
        byte[] s = new byte[length];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
