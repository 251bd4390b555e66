package io.strata.dns.resolver;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memoised wire answers of one {@link Zone}: the bytes the {@link Responder} built for a plain query (one
 * question, no EDNS, over UDP), keyed by the lowercased question. A hit copies the template and patches in the
 * query's id, RD bit and question name (same length, the client's letter case), skipping parsing and building.
 * A name with several records is stored as one answer per rotation of its records, one picked at random per
 * query, so that each record comes first equally often (Mesos-DNS's random order, as load balancing). Bounded: past {@link #MAX_ENTRIES} new answers are not
 * stored. Lives and dies with its zone, so it never serves records older than the zone.
 */
final class AnswerCache {
    /** Most answers kept per zone (a flood of random names must not grow memory without bound). */
    static final int MAX_ENTRIES = 100_000;
    private static final int HEADER = 12;

    private final ConcurrentHashMap<Key, byte[][]> answers = new ConcurrentHashMap<>();

    /** A lowercased question: name in wire form, type and class. */
    static final class Key {
        private final byte[] question;
        private final int hash;

        Key(byte[] question) {
            this.question = question;
            this.hash = Arrays.hashCode(question);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.question, question);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The key of a plain query: a header with QR 0, opcode QUERY, one question and no other records, and a
     * question ending the packet; null for anything else (which takes the full path).
     */
    static Key key(byte[] packet, int length) {
        if (length < HEADER + 5 || (packet[2] & 0xf8) != 0 || packet[4] != 0 || packet[5] != 1
                || packet[6] != 0 || packet[7] != 0 || packet[8] != 0 || packet[9] != 0
                || packet[10] != 0 || packet[11] != 0) {
            return null;
        }
        int i = HEADER;
        while (i < length) {
            int label = packet[i] & 0xff;
            if (label == 0) {
                break;
            }
            if (label > 63) {
                return null; // compression pointers or extended labels: not in a plain query
            }
            i += label + 1;
        }
        if (i >= length || i + 5 != length || i - HEADER + 1 > 255) {
            return null;
        }
        byte[] question = Arrays.copyOfRange(packet, HEADER, length);
        for (int j = 0; j < question.length - 4; j++) {
            byte b = question[j];
            if (b >= 'A' && b <= 'Z') {
                question[j] = (byte) (b + ('a' - 'A'));
            }
        }
        return new Key(question);
    }

    /** The answer to {@code packet} from a stored template, or null when none is stored. */
    byte[] answer(Key key, byte[] packet, int length) {
        byte[][] templates = answers.get(key);
        if (templates == null) {
            return null;
        }
        byte[] template = templates.length == 1 ? templates[0]
                : templates[java.util.concurrent.ThreadLocalRandom.current().nextInt(templates.length)];
        byte[] out = template.clone();
        out[0] = packet[0];
        out[1] = packet[1];
        out[2] = (byte) ((out[2] & 0xfe) | (packet[2] & 0x01)); // the query's RD bit
        System.arraycopy(packet, HEADER, out, HEADER, length - HEADER - 4); // the question name as asked
        return out;
    }

    /** Stores the answers (one per rotation) built for a query with this key (id and RD are patched per query). */
    void store(Key key, byte[][] rotations) {
        if (answers.size() < MAX_ENTRIES) {
            answers.putIfAbsent(key, rotations);
        }
    }
}
