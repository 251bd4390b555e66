package io.strata.core.allocator;

import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.core.resources.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Dominant Resource Fairness: a client's share is the largest fraction it holds of any scalar resource in the
 * cluster total, divided by its weight.
 *
 * <p>Worked example: total {@code cpus:10;mem:100}; client A holds {@code cpus:2;mem:50}, so its shares are
 * 2/10 = 0.2 (cpus) and 50/100 = 0.5 (mem) and its dominant share is 0.5. With weight 2 it becomes 0.25. The lowest
 * share goes first; ties go to the client with fewer allocations, then to the lower name.
 *
 * <p>Representation: active clients live in a {@link TreeSet} ordered by (share, allocations, name). An allocation
 * changes one client's key, so it is removed and re-inserted in O(log n) instead of re-sorting everybody; a change
 * of the totals or weights marks all keys stale and they are recomputed once, on the next read.
 */
public final class DrfSorter implements Sorter {

    /** (share, allocations, name), written out because it runs O(log n) times per allocation. */
    private static final Comparator<Client> ORDER = (a, b) -> {
        int byShare = Double.compare(a.share, b.share);
        if (byShare != 0) {
            return byShare;
        }
        int byAllocations = Long.compare(a.allocations, b.allocations);
        return byAllocations != 0 ? byAllocations : a.name.compareTo(b.name);
    };

    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    private final Map<String, long[]> totals = new HashMap<>();
    private final TreeSet<Client> order = new TreeSet<>(ORDER);
    private boolean sharesStale;
    private List<String> sorted;

    private static final class Client {
        final String name;
        final Map<String, Resources> byAgent = new HashMap<>();
        final Map<String, long[]> scalars = new HashMap<>();
        boolean active = true;
        long allocations;
        double share;

        Client(String name) {
            this.name = name;
        }
    }

    @Override
    public void add(String client) {
        if (clients.containsKey(client)) {
            throw new IllegalStateException("client " + client + " is already in the sorter");
        }
        Client added = new Client(client);
        added.share = computeShare(added);
        clients.put(client, added);
        order.add(added);
        sorted = null;
    }

    @Override
    public void remove(String client) {
        refreshIfStale();
        Client removed = clients.remove(client);
        if (removed != null && removed.active) {
            order.remove(removed);
            sorted = null;
        }
    }

    @Override
    public void activate(String client) {
        Client known = known(client);
        if (!known.active) {
            refreshIfStale();
            known.active = true;
            known.share = computeShare(known);
            order.add(known);
            sorted = null;
        }
    }

    @Override
    public void deactivate(String client) {
        Client known = known(client);
        if (known.active) {
            refreshIfStale();
            order.remove(known);
            known.active = false;
            sorted = null;
        }
    }

    @Override
    public boolean contains(String client) {
        return clients.containsKey(client);
    }

    @Override
    public boolean isActive(String client) {
        Client known = clients.get(client);
        return known != null && known.active;
    }

    @Override
    public void updateWeight(String client, double weight) {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight of " + client + " must be positive and finite: " + weight);
        }
        weights.put(client, weight);
        markStale();
    }

    @Override
    public void addTotal(Resources resources) {
        changeTotals(resources, 1);
    }

    @Override
    public void removeTotal(Resources resources) {
        changeTotals(resources, -1);
    }

    private void changeTotals(Resources resources, int sign) {
        for (Resource resource : resources) {
            if (resource.value() instanceof Scalar scalar) {
                totals.computeIfAbsent(resource.name(), name -> new long[1])[0] += sign * scalar.thousandths();
            }
        }
        markStale();
    }

    @Override
    public void allocated(String client, String agentId, Resources resources) {
        Client known = known(client);
        refreshIfStale();
        reposition(known, () -> {
            known.byAgent.merge(agentId, resources, Resources::plus);
            addScalars(known, resources, 1);
            known.allocations++;
        });
    }

    @Override
    public void unallocated(String client, String agentId, Resources resources) {
        Client known = known(client);
        Resources held = known.byAgent.getOrDefault(agentId, Resources.EMPTY);
        if (!held.contains(resources)) {
            throw new IllegalStateException(client + " holds " + held + " on " + agentId + ", not " + resources);
        }
        refreshIfStale();
        reposition(known, () -> {
            Resources left = held.minus(resources);
            if (left.isEmpty()) {
                known.byAgent.remove(agentId);
            } else {
                known.byAgent.put(agentId, left);
            }
            addScalars(known, resources, -1);
        });
    }

    /** Applies a change to a client's allocation, keeping the tree ordered around the changed key. */
    private void reposition(Client client, Runnable change) {
        if (client.active) {
            order.remove(client);
        }
        change.run();
        client.share = computeShare(client);
        if (client.active) {
            order.add(client);
        }
        sorted = null;
    }

    private static void addScalars(Client client, Resources resources, int sign) {
        for (Resource resource : resources) {
            if (resource.value() instanceof Scalar scalar) {
                client.scalars.computeIfAbsent(resource.name(), name -> new long[1])[0] += sign * scalar.thousandths();
            }
        }
    }

    @Override
    public Resources allocation(String client) {
        Client known = clients.get(client);
        if (known == null) {
            return Resources.EMPTY;
        }
        Resources sum = Resources.EMPTY;
        for (Resources resources : known.byAgent.values()) {
            sum = sum.plus(resources);
        }
        return sum;
    }

    @Override
    public Resources allocation(String client, String agentId) {
        Client known = clients.get(client);
        return known == null ? Resources.EMPTY : known.byAgent.getOrDefault(agentId, Resources.EMPTY);
    }

    @Override
    public double share(String client) {
        Client known = clients.get(client);
        return known == null ? 0 : computeShare(known);
    }

    @Override
    public List<String> sort() {
        refreshIfStale();
        if (sorted == null) {
            List<String> names = new ArrayList<>(order.size());
            for (Client client : order) {
                names.add(client.name);
            }
            sorted = List.copyOf(names);
        }
        return sorted;
    }

    @Override
    public Optional<String> first(Predicate<String> eligible) {
        refreshIfStale();
        for (Client client : order) {
            if (eligible.test(client.name)) {
                return Optional.of(client.name);
            }
        }
        return Optional.empty();
    }

    private double computeShare(Client client) {
        double dominant = 0;
        for (Map.Entry<String, long[]> held : client.scalars.entrySet()) {
            long[] total = totals.get(held.getKey());
            if (total != null && total[0] > 0) {
                dominant = Math.max(dominant, (double) held.getValue()[0] / total[0]);
            }
        }
        return dominant / weights.getOrDefault(client.name, 1.0);
    }

    private void markStale() {
        sharesStale = true;
        sorted = null;
    }

    /** Recomputes every key after a change of totals or weights; the tree must be rebuilt as keys moved. */
    private void refreshIfStale() {
        if (!sharesStale) {
            return;
        }
        order.clear();
        for (Client client : clients.values()) {
            client.share = computeShare(client);
            if (client.active) {
                order.add(client);
            }
        }
        sharesStale = false;
        sorted = null;
    }

    private Client known(String client) {
        Client known = clients.get(client);
        if (known == null) {
            throw new IllegalStateException("client " + client + " is not in the sorter");
        }
        return known;
    }
}
