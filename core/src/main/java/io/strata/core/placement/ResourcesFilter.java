package io.strata.core.placement;

import io.strata.core.resources.Ranges;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.core.resources.Scalar;
import io.strata.core.resources.Text;
import io.strata.core.resources.ValueSet;
import java.util.Set;

/**
 * Rejects candidates without enough resources of the accepted roles: each scalar amount, each exact port range,
 * each set item, and {@code portCount} more ports.
 *
 * <p>Example: a request for {@code cpus:1;mem:1024} and 2 ports on {@code cpus:4;mem:512;ports:[31000-31000]}
 * is rejected with {@link #INSUFFICIENT_MEMORY} (resources are checked in name order, then ports).
 */
public final class ResourcesFilter implements PlacementFilter {

    /** Reason: not enough cpus. */
    public static final String INSUFFICIENT_CPUS = "Insufficient cpus";
    /** Reason: not enough memory. */
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";
    /** Reason: not enough disk. */
    public static final String INSUFFICIENT_DISK = "Insufficient disk";
    /** Reason: not enough GPUs. */
    public static final String INSUFFICIENT_GPUS = "Insufficient gpus";
    /** Reason: the wanted ports are taken or too few ports are free. */
    public static final String INSUFFICIENT_PORTS = "Insufficient ports";
    /** Prefix of the reason for any other resource name, followed by the name. */
    public static final String INSUFFICIENT_PREFIX = "Insufficient ";

    @Override
    public String name() {
        return "resources";
    }

    @Override
    public Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        Resources available = candidate.available();
        Set<String> roles = request.acceptedRoles();
        for (Resource wanted : request.resources()) {
            boolean enough = switch (wanted.value()) {
                case Scalar amount -> available.scalar(wanted.name(), roles).compareTo(amount) >= 0;
                case Ranges ranges -> available.ranges(wanted.name(), roles).contains(ranges);
                case ValueSet set -> unionOfSets(available, wanted.name(), roles).contains(set);
                case Text text -> false;
            };
            if (!enough) {
                return Verdict.rejected(reasonFor(wanted.name()));
            }
        }
        if (request.portCount() > 0) {
            Ranges fixed = request.resources().ranges(Resource.PORTS, null);
            long free = available.ranges(Resource.PORTS, roles).minus(fixed).size();
            if (free < request.portCount()) {
                return Verdict.rejected(INSUFFICIENT_PORTS);
            }
        }
        return Verdict.FITS;
    }

    private static ValueSet unionOfSets(Resources available, String name, Set<String> roles) {
        ValueSet union = ValueSet.EMPTY;
        for (Resource resource : available) {
            if (resource.name().equals(name) && roles.contains(resource.role())
                    && resource.value() instanceof ValueSet set) {
                union = union.plus(set);
            }
        }
        return union;
    }

    /** Returns the reason constant for a resource name. */
    public static String reasonFor(String name) {
        return switch (name) {
            case Resource.CPUS -> INSUFFICIENT_CPUS;
            case Resource.MEM -> INSUFFICIENT_MEMORY;
            case Resource.DISK -> INSUFFICIENT_DISK;
            case Resource.GPUS -> INSUFFICIENT_GPUS;
            case Resource.PORTS -> INSUFFICIENT_PORTS;
            default -> INSUFFICIENT_PREFIX + name;
        };
    }
}
