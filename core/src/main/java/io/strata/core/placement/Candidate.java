package io.strata.core.placement;

import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An agent as placement sees it: usually one offer (or several offers of one agent combined).
 *
 * <p>To let constraints count instances on agents that have nothing to offer right now, pass those agents too,
 * with empty {@code available}: they are rejected for resources but their {@code placedByGroup} counts.
 *
 * @param agentId the agent id
 * @param hostname the agent's hostname, the {@code hostname} constraint field
 * @param attributes the agent's attributes
 * @param available what may be used now
 * @param total the agent's total, used by scorers such as bin-packing (at least {@code available})
 * @param placedByGroup instances already on this agent, by {@link PlacementRequest#group()}
 */
public record Candidate(String agentId, String hostname, Attributes attributes, Resources available,
        Resources total, Map<String, Integer> placedByGroup) {

    /** Validates non-null fields and copies the counts. */
    public Candidate {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(total, "total");
        placedByGroup = Map.copyOf(placedByGroup);
    }

    /** Returns a candidate whose total is what it has available, with no instances placed. */
    public static Candidate of(String agentId, String hostname, Attributes attributes, Resources available) {
        return new Candidate(agentId, hostname, attributes, available, available, Map.of());
    }

    /** Returns the number of instances of {@code group} on this agent. */
    public int placed(String group) {
        return placedByGroup.getOrDefault(group, 0);
    }

    /**
     * Returns the text of {@code field} on this agent: the hostname for {@code hostname}/{@code @hostname}, else
     * the attribute's value text, or null when the agent has no such attribute.
     */
    public String fieldValue(String field) {
        return PlacementConstraint.isHostname(field) ? hostname : attributes.valueText(field);
    }

    /** Returns this candidate after one more instance of {@code group} took {@code taken}. */
    Candidate afterPlacing(String group, Resources taken) {
        Map<String, Integer> counts = new HashMap<>(placedByGroup);
        counts.merge(group, 1, Integer::sum);
        return new Candidate(agentId, hostname, attributes, available.minus(taken), total, counts);
    }
}
