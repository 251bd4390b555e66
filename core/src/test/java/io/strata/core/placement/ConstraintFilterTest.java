package io.strata.core.placement;

import static io.strata.core.placement.PlacementFixtures.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConstraintFilterTest {

    private final ConstraintFilter filter = new ConstraintFilter();

    /** Instances of "app": 2 on rack r1 (host h1), 1 on rack r2 (host h2). */
    private static final PlacementContext PLACED = (group, field) -> switch (field) {
        case "rack" -> Map.of("r1", 2, "r2", 1);
        case "hostname", "@hostname" -> Map.of("h1", 2, "h2", 1);
        default -> Map.of();
    };

    @ParameterizedTest(name = "{0} on {1} [{2}] -> {3}")
    @CsvSource(delimiter = '|', value = {
        "hostname:UNIQUE         | h3 | rack:r3          | true",
        "hostname:UNIQUE         | h1 | rack:r1          | false",
        "@hostname:UNIQUE        | h2 | rack:r2          | false",
        "rack:UNIQUE             | h3 | rack:r3          | true",
        "rack:UNIQUE             | h3 | ''               | false",
        "rack:CLUSTER:r1         | h3 | rack:r1          | true",
        "rack:CLUSTER:r1         | h3 | rack:r2          | false",
        "rack:CLUSTER            | h3 | rack:r1          | false",
        "rack:GROUP_BY           | h3 | rack:r3          | true",
        "rack:GROUP_BY           | h3 | rack:r2          | true",
        "rack:GROUP_BY           | h3 | rack:r1          | false",
        "rack:GROUP_BY:3         | h3 | rack:r2          | false",
        "rack:LIKE:r[12]         | h3 | rack:r1          | true",
        "rack:LIKE:r[12]         | h3 | rack:r3          | false",
        "rack:LIKE:r             | h3 | rack:r1          | false",
        "rack:LIKE:r.*           | h3 | ''               | false",
        "rack:UNLIKE:r[12]       | h3 | rack:r3          | true",
        "rack:UNLIKE:r[12]       | h3 | rack:r1          | false",
        "rack:UNLIKE:r[12]       | h3 | ''               | true",
        "rack:MAX_PER:2          | h3 | rack:r2          | true",
        "rack:MAX_PER:2          | h3 | rack:r1          | false",
        "hostname:MAX_PER:1      | h4 | ''               | true",
        "level:IS:0.80           | h3 | level:0.8        | true",
        "level:IS:0.81           | h3 | level:0.8        | false",
        "os:IS:centos            | h3 | os:centos        | true",
        "os:IS:centos            | h3 | os:ubuntu        | false",
        "keys:IS:[1000-1500]     | h3 | keys:[1000-1500] | true",
    })
    void filter_marathonOperators(String constraint, String host, String attributes, boolean fits) {
        PlacementRequest request = PlacementFixtures.request("t", "cpus:1", constraint);
        Verdict verdict = filter.filter(request, candidate(host, "cpus:1", attributes), PLACED);
        assertThat(verdict).isEqualTo(fits ? Verdict.FITS
                : Verdict.rejected(ConstraintFilter.DID_NOT_MATCH + PlacementConstraint.parse(constraint)));
    }

    @Test
    void filter_clusterWithoutValue_noInstances_acceptsAny() {
        PlacementRequest request = PlacementFixtures.request("t", "cpus:1", "rack:CLUSTER");
        assertThat(filter.filter(request, candidate("h", "cpus:1", "rack:r9"), PlacementFixtures.NO_INSTANCES))
                .isEqualTo(Verdict.FITS);
    }

    @Test
    void rejection_readsLikeMarathon() {
        PlacementRequest request = PlacementFixtures.request("t", "cpus:1", "hostname:UNIQUE");
        assertThat(filter.filter(request, candidate("h1", "cpus:1", ""), PLACED))
                .isEqualTo(Verdict.rejected("didn't match constraint hostname:UNIQUE"));
    }

    @Test
    void constraint_invalidOperands_throw() {
        assertThatThrownBy(() -> PlacementConstraint.parse("rack:LIKE")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> PlacementConstraint.parse("rack:LIKE:[")).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> PlacementConstraint.parse("rack:MAX_PER:0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> PlacementConstraint.parse("rack:UNIQUE:x")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> PlacementConstraint.parse("rack:NEAR")).hasMessageContaining("unknown");
        assertThat(PlacementConstraint.of(List.of("rack", "group_by", "3")))
                .isEqualTo(new PlacementConstraint("rack", PlacementConstraint.Operator.GROUP_BY, "3"));
    }
}
