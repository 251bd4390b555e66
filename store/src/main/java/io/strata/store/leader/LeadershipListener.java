package io.strata.store.leader;

/**
 * Told when a {@link LeaderContender} gains or loses leadership.
 *
 * <p>Threading: both methods are called on the contender's own single event thread, one at a time and in the
 * order the transitions happened ({@code elected}, {@code lost}, {@code elected}, ...). They must return quickly
 * and must not wait for the contender (e.g. call {@code awaitLeadership}); hand long work to another thread.
 * An exception thrown by a listener is logged and otherwise ignored.
 */
public interface LeadershipListener {

    /** This contender now leads; fence every store write with {@code epoch}. */
    void elected(Epoch epoch);

    /**
     * This contender no longer leads: its ZooKeeper connection was suspended or its session lost, another
     * contender took over, or the contender was closed. A Mesos-style master stops acting as leader (or exits).
     *
     * @param reason a human-readable explanation for logs
     */
    void lost(String reason);
}
