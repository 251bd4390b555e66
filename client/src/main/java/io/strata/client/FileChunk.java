package io.strata.client;

/**
 * A piece of a sandbox file as {@code /files/read} returns it: {@code data} read from byte {@code offset}.
 * A read at offset -1 returns no data and the file's size as {@code offset}.
 */
public record FileChunk(String data, long offset) {
    /** Validates the fields. */
    public FileChunk {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    /** The offset just past this chunk, in bytes of UTF-8 (the encoding agents serve text files in). */
    public long end() {
        return offset + data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
