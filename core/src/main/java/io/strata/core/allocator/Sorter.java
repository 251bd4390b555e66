package io.strata.core.allocator;

import io.strata.core.resources.Resources;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Orders clients (roles, or frameworks within a role) for the allocator: the allocator only asks for an order.
 *
 * <p>A sorter tracks, per client, what has been allocated to it on each agent, the cluster total it compares
 * against, and a weight per client name. Inactive clients keep their allocation (it still counts) but are left
 * out of {@link #sort()}. Implementations are not thread-safe; the allocator confines them to its own thread.
 *
 * <p>Contract (checked by {@code SorterContractTest}): {@link #sort()} lists exactly the active clients; a client
 * that receives an allocation never moves ahead of where it was; the order is deterministic for equal inputs.
 */
public interface Sorter {

    /** Adds an active client with no allocation; adding a known client throws {@link IllegalStateException}. */
    void add(String client);

    /** Removes a client and forgets its allocation; unknown clients are ignored. */
    void remove(String client);

    /** Puts a known client back into the order. */
    void activate(String client);

    /** Takes a known client out of the order, keeping its allocation. */
    void deactivate(String client);

    /** Returns true if the client was added and not removed. */
    boolean contains(String client);

    /** Returns true if the client is known and active. */
    boolean isActive(String client);

    /** Sets the weight for a client name (default 1); it may be set before the client is added. */
    void updateWeight(String client, double weight);

    /** Adds one agent's resources to the cluster total the shares are computed against. */
    void addTotal(Resources resources);

    /** Removes one agent's resources from the cluster total. */
    void removeTotal(Resources resources);

    /** Records that {@code resources} on {@code agentId} were offered or allocated to {@code client}. */
    void allocated(String client, String agentId, Resources resources);

    /**
     * Records that {@code resources} on {@code agentId} are no longer allocated to {@code client}.
     *
     * @throws IllegalStateException if the client does not hold those resources on that agent
     */
    void unallocated(String client, String agentId, Resources resources);

    /** Returns everything allocated to the client over all agents. */
    Resources allocation(String client);

    /** Returns what is allocated to the client on one agent. */
    Resources allocation(String client, String agentId);

    /** Returns the client's current share as used for ordering (0 for unknown clients). */
    double share(String client);

    /** Returns the active clients, the one to serve first at index 0. */
    List<String> sort();

    /**
     * Returns the first active client in {@link #sort()} order that satisfies {@code eligible}, without building
     * the whole list. The predicate must not modify this sorter.
     */
    default Optional<String> first(Predicate<String> eligible) {
        for (String client : sort()) {
            if (eligible.test(client)) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }
}
