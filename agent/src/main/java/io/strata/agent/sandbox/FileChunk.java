package io.strata.agent.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answer of {@code /files/read}: the offset the data starts at and the bytes read (empty at or past the end, in
 * which case the offset is the file size).
 */
public record FileChunk(long offset, byte[] data) {

    /** Validates and copies the data. */
    public FileChunk {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        data = data.clone();
    }

    /** Returns a copy of the bytes read. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Returns the bytes decoded as UTF-8 (a multi-byte character cut at the chunk edge becomes U+FFFD). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileChunk chunk && chunk.offset == offset && Arrays.equals(chunk.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FileChunk[offset=" + offset + ", " + data.length + " bytes]";
    }
}
