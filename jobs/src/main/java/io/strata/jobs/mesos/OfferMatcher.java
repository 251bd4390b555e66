package io.strata.jobs.mesos;

import io.strata.api.mesos.Offer;
import io.strata.api.mesos.Resource;
import io.strata.core.placement.Candidate;
import io.strata.core.placement.ConstraintFilter;
import io.strata.core.placement.PlacementConstraint;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.placement.Verdict;
import io.strata.core.resources.Attribute;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import io.strata.jobs.model.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a job fits what is left of an offer: cpus, mem and disk, and its Chronos constraints
 * ({@code EQUALS} is Marathon's {@code IS}; {@code LIKE} and {@code UNLIKE} are the same), checked by core's
 * {@link ConstraintFilter} against the offer's hostname and attributes. Pure; thread-safe.
 */
final class OfferMatcher {
    private static final ConstraintFilter CONSTRAINTS = new ConstraintFilter();

    /** What remains of one offer while tasks are packed into it. */
    static final class Remaining {
        double cpus;
        double mem;
        double disk;
        final String role;
        final Candidate candidate;

        Remaining(Offer offer) {
            this.cpus = scalar(offer, "cpus");
            this.mem = scalar(offer, "mem");
            this.disk = scalar(offer, "disk");
            this.role = role(offer);
            this.candidate = Candidate.of(offer.agentId().value(), offer.hostname() == null ? "" : offer.hostname(),
                    attributes(offer), Resources.EMPTY);
        }

        /** Takes the job's resources if it fits here; returns whether it did. */
        boolean take(JobSpec job) {
            if (job.cpus() > cpus + 1e-9 || job.mem() > mem + 1e-9 || job.disk() > disk + 1e-9 || !allows(job)) {
                return false;
            }
            cpus -= job.cpus();
            mem -= job.mem();
            disk -= job.disk();
            return true;
        }

        private boolean allows(JobSpec job) {
            if (job.constraints().isEmpty()) {
                return true;
            }
            PlacementRequest request = PlacementRequest.of(job.name(), Resources.EMPTY, "*")
                    .withConstraints(constraints(job));
            return CONSTRAINTS.filter(request, candidate, (group, field) -> Map.of()) instanceof Verdict.Fits;
        }
    }

    private OfferMatcher() {
    }

    static List<PlacementConstraint> constraints(JobSpec job) {
        List<PlacementConstraint> out = new ArrayList<>();
        for (List<String> c : job.constraints()) {
            PlacementConstraint.Operator operator = switch (c.get(1)) {
                case "EQUALS" -> PlacementConstraint.Operator.IS;
                case "LIKE" -> PlacementConstraint.Operator.LIKE;
                default -> PlacementConstraint.Operator.UNLIKE;
            };
            out.add(new PlacementConstraint(c.get(0), operator, c.get(2)));
        }
        return out;
    }

    static double scalar(Offer offer, String name) {
        double sum = 0;
        for (Resource r : offer.resources()) {
            if (name.equals(r.name()) && r.scalar() != null) {
                sum += r.scalar().value();
            }
        }
        return sum;
    }

    private static String role(Offer offer) {
        for (Resource r : offer.resources()) {
            if ("cpus".equals(r.name()) && r.role() != null) {
                return r.role();
            }
        }
        return "*";
    }

    private static Attributes attributes(Offer offer) {
        if (offer.attributes() == null) {
            return Attributes.EMPTY;
        }
        List<Attribute> out = new ArrayList<>();
        for (io.strata.api.mesos.Attribute a : offer.attributes()) {
            String text = a.text() != null ? a.text().value()
                    : a.scalar() != null ? stripZero(a.scalar().value()) : null;
            if (text != null) {
                out.add(Attribute.text(a.name(), text));
            }
        }
        return Attributes.of(out);
    }

    private static String stripZero(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
