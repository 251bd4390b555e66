package io.strata.kubernetes.spdy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Encodes name/value header blocks for one direction of a session: one zlib stream primed with {@link
 * SpdyDictionary}, each block ended by a SYNC_FLUSH so the peer can decode it alone. Not thread-safe; the owning
 * {@link SpdyWriter} serialises calls.
 */
final class HeaderCompressor implements AutoCloseable {

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final byte[] buffer = new byte[4096];

    HeaderCompressor() {
        deflater.setDictionary(SpdyDictionary.bytes());
    }

    /** The compressed block: a 4-byte pair count, then each name and value with a 4-byte length. */
    byte[] compress(Map<String, String> headers) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        writeInt(plain, headers.size());
        for (Map.Entry<String, String> e : headers.entrySet()) {
            writeString(plain, e.getKey());
            writeString(plain, e.getValue());
        }
        deflater.setInput(plain.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, b.length);
        out.writeBytes(b);
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
