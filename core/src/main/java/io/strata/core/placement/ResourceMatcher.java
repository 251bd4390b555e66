package io.strata.core.placement;

import io.strata.core.resources.Ranges;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.core.resources.Scalar;
import io.strata.core.resources.Text;
import io.strata.core.resources.Value;
import io.strata.core.resources.ValueSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the concrete resources a request takes from a candidate: which roles, which port numbers.
 *
 * <p>Roles are used in this order: the request's own role (its reservations) first, then {@code *}, then any
 * other accepted role by name. Amounts may be split across roles. Requested port counts get the lowest free port
 * numbers, so plans are deterministic. Example: {@code cpus:1.5} and 2 ports from
 * {@code cpus(web):1;cpus:4;ports:[31000-31005]} for role {@code web} takes
 * {@code cpus(web):1;cpus:0.5;ports:[31000-31001]} and reports ports 31000 and 31001.
 */
public final class ResourceMatcher {

    /**
     * The resources taken for one placement.
     *
     * @param resources everything taken, with roles and concrete ports
     * @param ports the host ports picked for {@link PlacementRequest#portCount()}, ascending
     */
    public record Match(Resources resources, List<Long> ports) {

        /** Copies the port list. */
        public Match {
            ports = List.copyOf(ports);
        }
    }

    private ResourceMatcher() {
    }

    /** Returns what {@code request} takes from {@code candidate}, or empty when it does not fit. */
    public static Optional<Match> match(PlacementRequest request, Candidate candidate) {
        List<String> roles = preferredRoles(request);
        Resources left = candidate.available();
        List<Resource> taken = new ArrayList<>();
        for (Resource wanted : request.resources()) {
            List<Resource> part = take(wanted.name(), wanted.value(), left, roles);
            if (part == null) {
                return Optional.empty();
            }
            Resources partResources = Resources.of(part);
            left = left.minus(partResources);
            taken.addAll(part);
        }
        List<Long> ports = new ArrayList<>(request.portCount());
        for (String role : roles) {
            int missing = request.portCount() - ports.size();
            if (missing == 0) {
                break;
            }
            Ranges free = left.ranges(Resource.PORTS, java.util.Set.of(role));
            List<Long> picked = free.lowest((int) Math.min(missing, free.size()));
            if (!picked.isEmpty()) {
                ports.addAll(picked);
                taken.add(new Resource(Resource.PORTS, role, Ranges.ofValues(picked)));
            }
        }
        if (ports.size() < request.portCount()) {
            return Optional.empty();
        }
        return Optional.of(new Match(Resources.of(taken), ports));
    }

    private static List<String> preferredRoles(PlacementRequest request) {
        List<String> roles = new ArrayList<>(request.acceptedRoles().size());
        if (request.acceptedRoles().contains(request.role()) && !request.role().equals(Resource.UNRESERVED)) {
            roles.add(request.role());
        }
        if (request.acceptedRoles().contains(Resource.UNRESERVED)) {
            roles.add(Resource.UNRESERVED);
        }
        request.acceptedRoles().stream().filter(role -> !roles.contains(role)).sorted().forEach(roles::add);
        return roles;
    }

    /** Takes {@code wanted} of {@code name} from {@code left} role by role; null if there is not enough. */
    private static List<Resource> take(String name, Value wanted, Resources left, List<String> roles) {
        List<Resource> part = new ArrayList<>(1);
        Value missing = wanted;
        for (String role : roles) {
            Optional<Value> have = left.get(name, role);
            if (have.isEmpty()) {
                continue;
            }
            Value share = overlap(have.get(), missing);
            if (share != null && !share.isEmpty()) {
                part.add(new Resource(name, role, share));
                missing = remainder(missing, share);
                if (missing.isEmpty()) {
                    return part;
                }
            }
        }
        return missing.isEmpty() ? part : null;
    }

    /** Returns how much of {@code missing} can come out of {@code have}; null on a type mismatch. */
    private static Value overlap(Value have, Value missing) {
        return switch (missing) {
            case Scalar amount when have instanceof Scalar available ->
                    amount.compareTo(available) <= 0 ? amount : available;
            case Ranges ranges when have instanceof Ranges available -> ranges.intersect(available);
            case ValueSet set when have instanceof ValueSet available -> set.minus(set.minus(available));
            case Scalar amount -> null;
            case Ranges ranges -> null;
            case ValueSet set -> null;
            case Text text -> null;
        };
    }

    private static Value remainder(Value missing, Value share) {
        return switch (missing) {
            case Scalar amount when share instanceof Scalar taken -> amount.minus(taken);
            case Ranges ranges when share instanceof Ranges taken -> ranges.minus(taken);
            case ValueSet set when share instanceof ValueSet taken -> set.minus(taken);
            case Scalar amount -> missing;
            case Ranges ranges -> missing;
            case ValueSet set -> missing;
            case Text text -> missing;
        };
    }
}
