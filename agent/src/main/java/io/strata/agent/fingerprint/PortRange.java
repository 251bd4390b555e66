package io.strata.agent.fingerprint;

/** An inclusive range of TCP ports, e.g. {@code [31000-32000]}. */
public record PortRange(long begin, long end) {

    /** The range Mesos agents offer by default. */
    public static final PortRange DEFAULT = new PortRange(31000, 32000);

    /** Validates {@code 1 <= begin <= end <= 65535}. */
    public PortRange {
        if (begin < 1 || end > 65535 || begin > end) {
            throw new IllegalArgumentException("invalid port range [" + begin + "-" + end + "]");
        }
    }

    /** Returns the range as {@code {begin, end}}. */
    public long[] toArray() {
        return new long[] {begin, end};
    }

    @Override
    public String toString() {
        return "[" + begin + "-" + end + "]";
    }
}
