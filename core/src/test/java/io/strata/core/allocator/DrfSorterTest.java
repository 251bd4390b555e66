package io.strata.core.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.resources.Resources;
import org.junit.jupiter.api.Test;

class DrfSorterTest extends SorterContractTest {

    @Override
    protected Sorter newSorter() {
        return new DrfSorter();
    }

    @Test
    void share_ignoresNamesWithoutTotal() {
        sorter.add("a");
        sorter.allocated("a", "s1", Resources.parse("cpus:1;gpus:1")); // gpus has no total: only cpus 0.1 counts
        assertThat(sorter.share("a")).isEqualTo(0.1);
    }

    @Test
    void updateWeight_nonPositive_throws() {
        assertThatThrownBy(() -> sorter.updateWeight("a", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sorter.updateWeight("a", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sort_manyIncrementalUpdates_matchesFullSort() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20; i++) {
            sorter.add("f" + i);
        }
        sorter.addTotal(Resources.parse("cpus:1000;mem:100000"));
        for (int step = 0; step < 500; step++) {
            String client = "f" + random.nextInt(20);
            sorter.allocated(client, "s" + step, Resources.parse("cpus:" + random.nextInt(5) + ";mem:" + random.nextInt(500)));
            java.util.List<String> order = sorter.sort();
            // the incrementally kept order must agree with freshly computed shares
            for (int k = 1; k < order.size(); k++) {
                assertThat(sorter.share(order.get(k - 1))).isLessThanOrEqualTo(sorter.share(order.get(k)));
            }
        }
    }
}
