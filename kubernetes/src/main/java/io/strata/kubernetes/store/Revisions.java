package io.strata.kubernetes.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The resourceVersion rule of {@link ZkObjectStore}: {@code revision = zxid * 1000 + index}, where {@code zxid} is
 * the ZooKeeper transaction that committed the write and {@code index} (0..999) the write's position in that
 * transaction (a multi).
 *
 * <p>Why this rule: a ZooKeeper multi commits many writes under one zxid, so the zxid alone cannot tell the writes
 * of one multi apart. With the index appended, every write of every object gets a distinct revision; revisions
 * follow commit order (transactions commit in zxid order, and the writes of one transaction are applied, published
 * and watched in index order), so they are monotonic store-wide and a watch resumed from any revision it was given
 * receives exactly the later writes. A single write is a multi of one, index 0. An object's current revision must
 * survive a restart (clients send it back as a precondition), so a write at index > 0 stores its index in front of
 * its JSON as {@code #<index>\n}; JSON never starts with {@code #}, so data without the prefix (index 0, and stores
 * written before this rule, whose revisions were bare zxids) still reads. After a restart the store's revision is
 * {@link #upperBound} of the newest zxid, which no later write can reach or go below: a later zxid is at least one
 * more, hence its revisions at least 1000 more.
 */
final class Revisions {

    /** Writes per transaction the index can number: a batch holds at most this many object writes. */
    static final int PER_TRANSACTION = 1000;

    private Revisions() {
    }

    /** The revision of the write at {@code index} of transaction {@code zxid}; e.g. zxid 4711, index 3 -> 4711003. */
    static long of(long zxid, int index) {
        if (zxid <= 0 || zxid > Long.MAX_VALUE / PER_TRANSACTION - 1) {
            throw new IllegalArgumentException("zxid out of range: " + zxid);
        }
        if (index < 0 || index >= PER_TRANSACTION) {
            throw new IllegalArgumentException("index must be in 0.." + (PER_TRANSACTION - 1) + ": " + index);
        }
        return zxid * PER_TRANSACTION + index;
    }

    /** The largest revision a write of transaction {@code zxid} (or an earlier one) can have. */
    static long upperBound(long zxid) {
        return zxid <= 0 ? 0 : of(zxid, PER_TRANSACTION - 1);
    }

    /** The znode bytes for an object's JSON written at {@code index}: the JSON itself at index 0. */
    static byte[] encode(int index, byte[] json) {
        if (index == 0) {
            return json;
        }
        byte[] prefix = ("#" + index + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = Arrays.copyOf(prefix, prefix.length + json.length);
        System.arraycopy(json, 0, data, prefix.length, json.length);
        return data;
    }

    /** A znode's bytes split into the index stored with them and the object's JSON. */
    record Decoded(int index, byte[] json) {
    }

    /** Reads bytes written by {@link #encode} (or by stores before this rule: plain JSON, index 0). */
    static Decoded decode(byte[] data) {
        if (data.length == 0 || data[0] != '#') {
            return new Decoded(0, data);
        }
        int end = 1;
        int index = 0;
        while (end < data.length && data[end] != '\n') {
            int digit = data[end] - '0';
            if (digit < 0 || digit > 9 || end > 4) {
                throw new IllegalArgumentException("malformed revision index in stored object");
            }
            index = index * 10 + digit;
            end++;
        }
        if (end == data.length || end == 1 || index >= PER_TRANSACTION) {
            throw new IllegalArgumentException("malformed revision index in stored object");
        }
        return new Decoded(index, Arrays.copyOfRange(data, end + 1, data.length));
    }
}
