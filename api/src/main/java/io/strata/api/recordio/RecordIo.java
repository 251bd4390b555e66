package io.strata.api.recordio;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RecordIO framing of Mesos event streams: each record is {@code <decimal byte length>\n<bytes>}.
 *
 * <p>Readers frame by length only and ignore HTTP chunk boundaries, since proxies may re-chunk.
 */
public final class RecordIo {
    /** Longest length prefix accepted: 20 digits hold any uint64. */
    private static final int MAX_PREFIX_DIGITS = 20;
    /** Records above this size are refused to bound memory use (64 MiB). */
    public static final long MAX_RECORD_BYTES = 64L << 20;

    private RecordIo() {
    }

    /** Frames one record. */
    public static byte[] frame(byte[] record) {
        byte[] prefix = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + record.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(record, 0, out, prefix.length, record.length);
        return out;
    }

    /**
     * Reads the next record, blocking until it is complete.
     *
     * @return empty at a clean end of stream (between records)
     * @throws IOException on a truncated record or a malformed length prefix
     */
    public static Optional<byte[]> read(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream(MAX_PREFIX_DIGITS);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (digits.size() == 0) {
                    return Optional.empty();
                }
                throw new EOFException("stream ended inside a RecordIO length prefix");
            }
            if (c < '0' || c > '9' || digits.size() >= MAX_PREFIX_DIGITS) {
                throw new IOException("malformed RecordIO length prefix");
            }
            digits.write(c);
        }
        long length = Long.parseLong(digits.toString(StandardCharsets.US_ASCII));
        if (length <= 0 || length > MAX_RECORD_BYTES) {
            throw new IOException("RecordIO record length " + length + " out of range");
        }
        byte[] record = in.readNBytes((int) length);
        if (record.length != length) {
            throw new EOFException("stream ended inside a RecordIO record");
        }
        return Optional.of(record);
    }
}
