package io.strata.core.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.core.resources.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link Sorter} honours; subclasses supply the sorter. Cluster total: cpus 10, mem 100. */
abstract class SorterContractTest {

    protected Sorter sorter;

    protected abstract Sorter newSorter();

    @BeforeEach
    void setUp() {
        sorter = newSorter();
        sorter.addTotal(Resources.parse("cpus:10;mem:100"));
    }

    @Test
    void sort_noAllocations_ordersByName() {
        sorter.add("b");
        sorter.add("a");
        sorter.add("c");
        assertThat(sorter.sort()).containsExactly("a", "b", "c"); // all shares 0, no allocations: by name
    }

    @Test
    void sort_lowestDominantShareFirst() {
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", "s1", Resources.parse("cpus:2;mem:50")); // a: cpus 0.2, mem 0.5 -> 0.5
        sorter.allocated("b", "s1", Resources.parse("cpus:4;mem:10")); // b: cpus 0.4, mem 0.1 -> 0.4
        assertThat(sorter.share("a")).isCloseTo(0.5, within(1e-9));
        assertThat(sorter.share("b")).isCloseTo(0.4, within(1e-9));
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @Test
    void sort_weightDividesShare() {
        sorter.add("a");
        sorter.add("b");
        sorter.updateWeight("a", 2);
        sorter.allocated("a", "s1", Resources.parse("cpus:6")); // a: 0.6 / weight 2 = 0.3
        sorter.allocated("b", "s1", Resources.parse("cpus:4")); // b: 0.4 / weight 1 = 0.4
        assertThat(sorter.share("a")).isCloseTo(0.3, within(1e-9));
        assertThat(sorter.sort()).containsExactly("a", "b");
    }

    @Test
    void sort_equalShares_fewerAllocationsFirst() {
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", "s1", Resources.parse("cpus:1"));
        sorter.allocated("a", "s2", Resources.parse("cpus:1")); // a: 0.2 in 2 allocations
        sorter.allocated("b", "s1", Resources.parse("cpus:2")); // b: 0.2 in 1 allocation
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @Test
    void unallocated_restoresShare() {
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", "s1", Resources.parse("cpus:5")); // a: 0.5
        sorter.allocated("b", "s1", Resources.parse("cpus:1")); // b: 0.1
        sorter.unallocated("a", "s1", Resources.parse("cpus:5")); // a: 0
        assertThat(sorter.share("a")).isZero();
        assertThat(sorter.allocation("a")).isEqualTo(Resources.EMPTY);
        assertThat(sorter.sort()).containsExactly("a", "b");
    }

    @Test
    void unallocated_moreThanHeld_throws() {
        sorter.add("a");
        sorter.allocated("a", "s1", Resources.parse("cpus:1"));
        assertThatThrownBy(() -> sorter.unallocated("a", "s1", Resources.parse("cpus:2")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sorter.unallocated("a", "s2", Resources.parse("cpus:1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deactivate_leavesOrderButKeepsAllocation() {
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", "s1", Resources.parse("cpus:3")); // a: 0.3
        sorter.deactivate("a");
        assertThat(sorter.sort()).containsExactly("b");
        assertThat(sorter.allocation("a")).isEqualTo(Resources.parse("cpus:3"));
        assertThat(sorter.isActive("a")).isFalse();
        sorter.activate("a");
        assertThat(sorter.sort()).containsExactly("b", "a"); // b: 0 < a: 0.3
    }

    @Test
    void addTotal_changesShares() {
        sorter.add("a");
        sorter.allocated("a", "s1", Resources.parse("cpus:5")); // a: 5 / 10 = 0.5
        sorter.addTotal(Resources.parse("cpus:10;mem:100"));    // a: 5 / 20 = 0.25
        assertThat(sorter.share("a")).isCloseTo(0.25, within(1e-9));
        sorter.removeTotal(Resources.parse("cpus:15"));         // a: 5 / 5 = 1.0
        assertThat(sorter.share("a")).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void allocation_sumsAgents() {
        sorter.add("a");
        sorter.allocated("a", "s1", Resources.parse("cpus:1;ports:[1-2]"));
        sorter.allocated("a", "s2", Resources.parse("cpus:2"));
        assertThat(sorter.allocation("a")).isEqualTo(Resources.parse("cpus:3;ports:[1-2]"));
        assertThat(sorter.allocation("a", "s1")).isEqualTo(Resources.parse("cpus:1;ports:[1-2]"));
    }

    @Test
    void remove_forgetsClient() {
        sorter.add("a");
        sorter.allocated("a", "s1", Resources.parse("cpus:1"));
        sorter.remove("a");
        assertThat(sorter.contains("a")).isFalse();
        assertThat(sorter.sort()).isEmpty();
        sorter.add("a");
        assertThat(sorter.share("a")).isZero(); // a fresh client starts at 0
    }

    @Test
    void add_twice_throws() {
        sorter.add("a");
        assertThatThrownBy(() -> sorter.add("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void first_returnsFirstEligibleInOrder() {
        sorter.add("a");
        sorter.add("b");
        sorter.add("c");
        sorter.allocated("a", "s1", Resources.parse("cpus:1")); // a: 0.1, b and c: 0
        assertThat(sorter.first(client -> !client.equals("b"))).contains("c");
        assertThat(sorter.first(client -> false)).isEmpty();
    }
}
