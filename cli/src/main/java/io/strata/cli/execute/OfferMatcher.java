package io.strata.cli.execute;

import io.strata.api.mesos.Offer;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.Value;
import io.strata.cli.output.Formats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Carves a {@link ResourceRequest} out of an offer for a framework of one role.
 *
 * <p>Only scalar resources reserved for the role or unreserved ({@code "*"}) count; reserved ones are used first,
 * so a reservation is not left idle while shared resources get consumed. A request may be split across several
 * entries of one name (e.g. 1 reserved cpu plus 0.5 unreserved); each carved piece keeps its entry's role and
 * reservation, as Mesos requires a task's resources to be part of the offer. Example: an offer with
 * {@code cpus(web):1} and {@code cpus(*):4}, request {@code cpus:1.5}, role {@code web} gives
 * {@code cpus(web):1} and {@code cpus(*):0.5}.
 */
public final class OfferMatcher {
    private static final String UNRESERVED = "*";

    private OfferMatcher() {
    }

    /** Whether an offer fits a request. */
    public sealed interface Match permits Fits, Lacks {
    }

    /** The offer fits: the task's resources, taken from the offer. */
    public record Fits(List<Resource> resources) implements Match {
        /** Copies the list. */
        public Fits {
            resources = List.copyOf(resources);
        }
    }

    /** The offer does not fit; {@code reason} names each resource short, e.g. "mem: offered 16, needs 32". */
    public record Lacks(String reason) implements Match {
    }

    /** Matches {@code offer} against {@code request} for a framework of {@code role}. */
    public static Match match(Offer offer, ResourceRequest request, String role) {
        List<Resource> carved = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        for (Map.Entry<String, Long> wanted : request.millis().entrySet()) {
            if (wanted.getKey().equals(ResourceRequest.PORTS)) {
                long count = wanted.getValue() / 1000;
                List<Resource> ports = ports(offer, role, count);
                long got = ports.stream().mapToLong(OfferMatcher::rangeSize).sum();
                if (got < count) {
                    lacking.add("ports: offered " + got + ", needs " + count);
                } else {
                    carved.addAll(ports);
                }
                continue;
            }
            List<Resource> usable = usable(offer, wanted.getKey(), role);
            long remaining = wanted.getValue();
            for (Resource resource : usable) {
                long take = Math.min(remaining, millis(resource));
                if (take > 0) {
                    carved.add(new Resource(resource.name(), Value.Type.SCALAR, new Value.Scalar(take / 1000.0),
                            null, null, resource.role(), resource.reservation()));
                    remaining -= take;
                }
            }
            if (remaining > 0) {
                long offered = usable.stream().mapToLong(OfferMatcher::millis).sum();
                lacking.add(wanted.getKey() + ": offered " + Formats.scalar(offered / 1000.0) + ", needs "
                        + Formats.scalar(wanted.getValue() / 1000.0));
            }
        }
        return lacking.isEmpty() ? new Fits(carved) : new Lacks(String.join("; ", lacking));
    }

    /** The lowest {@code count} port numbers the role may use, as RANGES resources keeping their roles. */
    private static List<Resource> ports(Offer offer, String role, long count) {
        List<Resource> out = new ArrayList<>();
        if (offer.resources() == null) {
            return out;
        }
        List<Resource> usable = new ArrayList<>();
        for (Resource resource : offer.resources()) {
            if (ResourceRequest.PORTS.equals(resource.name()) && resource.ranges() != null
                    && resource.ranges().range() != null
                    && (roleOf(resource).equals(role) || roleOf(resource).equals(UNRESERVED))) {
                usable.add(resource);
            }
        }
        usable.sort(Comparator.comparing(r -> roleOf(r).equals(UNRESERVED)));
        long remaining = count;
        for (Resource resource : usable) {
            List<Value.Range> taken = new ArrayList<>();
            for (Value.Range range : resource.ranges().range()) {
                if (remaining == 0) {
                    break;
                }
                long end = Math.min(range.end(), range.begin() + remaining - 1);
                taken.add(new Value.Range(range.begin(), end));
                remaining -= end - range.begin() + 1;
            }
            if (!taken.isEmpty()) {
                out.add(new Resource(ResourceRequest.PORTS, Value.Type.RANGES, null, new Value.Ranges(taken), null,
                        resource.role(), resource.reservation()));
            }
        }
        return out;
    }

    private static long rangeSize(Resource ports) {
        return ports.ranges().range().stream().mapToLong(r -> r.end() - r.begin() + 1).sum();
    }

    /** The scalar entries of {@code name} the role may use, its reservations first. */
    private static List<Resource> usable(Offer offer, String name, String role) {
        List<Resource> usable = new ArrayList<>();
        if (offer.resources() == null) {
            return usable;
        }
        for (Resource resource : offer.resources()) {
            if (name.equals(resource.name()) && resource.scalar() != null
                    && (resource.type() == null || resource.type() == Value.Type.SCALAR)
                    && (roleOf(resource).equals(role) || roleOf(resource).equals(UNRESERVED))) {
                usable.add(resource);
            }
        }
        usable.sort(Comparator.comparing(r -> roleOf(r).equals(UNRESERVED)));
        return usable;
    }

    private static String roleOf(Resource resource) {
        return resource.role() == null ? UNRESERVED : resource.role();
    }

    /** A scalar in thousandths, rounded to undo binary fractions (0.1 * 1000 = 100.00000000000001). */
    private static long millis(Resource resource) {
        return Math.max(0, Math.round(resource.scalar().value() * 1000));
    }
}
