package io.strata.kubernetes.pods;

import io.strata.api.mesos.Offer;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.Value;
import java.util.TreeSet;

/**
 * The host ports of one offer not yet given to a pod of the launch being built (mutable, one thread): pods of one
 * ACCEPT take distinct ports; the master keeps ports of running groups out of later offers.
 */
public final class PortPool {

    /** At most this many ports are read from an offer (offers carry ranges like 31000-32000). */
    private static final int LIMIT = 4096;
    private final TreeSet<Integer> free = new TreeSet<>();

    private PortPool() {
    }

    /** The unreserved and reserved {@code ports} ranges of {@code offer}. */
    public static PortPool of(Offer offer) {
        PortPool pool = new PortPool();
        for (Resource r : offer.resources()) {
            if (!"ports".equals(r.name()) || r.ranges() == null || r.ranges().range() == null) {
                continue;
            }
            for (Value.Range range : r.ranges().range()) {
                for (long p = range.begin(); p <= range.end() && pool.free.size() < LIMIT; p++) {
                    pool.free.add((int) p);
                }
            }
        }
        return pool;
    }

    /** A pool over explicit ports (tests). */
    public static PortPool of(int... ports) {
        PortPool pool = new PortPool();
        for (int p : ports) {
            pool.free.add(p);
        }
        return pool;
    }

    /**
     * Takes {@code wanted} when it is free (a pod's {@code hostPort}), or the lowest free port when {@code wanted}
     * is 0; returns 0 when neither is possible.
     */
    public int take(int wanted) {
        Integer p = wanted > 0 ? (free.contains(wanted) ? Integer.valueOf(wanted) : null)
                : free.isEmpty() ? null : free.first();
        if (p == null) {
            return 0;
        }
        free.remove(p);
        return p;
    }
}
