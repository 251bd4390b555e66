package io.strata.core.placement;

import static io.strata.core.placement.PlacementFixtures.NO_INSTANCES;
import static io.strata.core.placement.PlacementFixtures.candidate;
import static io.strata.core.placement.PlacementFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesFilterTest {

    private final ResourcesFilter filter = new ResourcesFilter();

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:1;mem:1024          | cpus:4;mem:4096                   | FITS",
        "cpus:1;mem:1024          | cpus:4;mem:512                    | Insufficient memory",
        "cpus:8;mem:1024          | cpus:4;mem:4096                   | Insufficient cpus",
        "cpus:1;disk:10           | cpus:4                            | Insufficient disk",
        "cpus:1;gpus:1            | cpus:4                            | Insufficient gpus",
        "cpus:1;ports:[80-80]     | cpus:4;ports:[31000-32000]        | Insufficient ports",
        "cpus:1;ports:[31005-31005] | cpus:4;ports:[31000-32000]      | FITS",
        "cpus:1;bugs:{a}          | cpus:4;bugs:{a,b}                 | FITS",
        "cpus:1;licences:2        | cpus:4;licences:1                 | Insufficient licences",
    })
    void filter_checksEachResource(String wanted, String available, String expected) {
        Verdict verdict = filter.filter(request("t", wanted), candidate("a", available, ""), NO_INSTANCES);
        assertThat(verdict).isEqualTo(expected.equals("FITS") ? Verdict.FITS : Verdict.rejected(expected));
    }

    @Test
    void filter_portCount_needsEnoughFreePorts() {
        Candidate agent = candidate("a", "cpus:4;ports:[31000-31001]", "");
        assertThat(filter.filter(request("t", "cpus:1", 2, "*", Set.of()), agent, NO_INSTANCES)).isEqualTo(Verdict.FITS);
        assertThat(filter.filter(request("t", "cpus:1", 3, "*", Set.of()), agent, NO_INSTANCES))
                .isEqualTo(Verdict.rejected(ResourcesFilter.INSUFFICIENT_PORTS));
    }

    @Test
    void filter_countsOnlyAcceptedRoles() {
        Candidate agent = candidate("a", "cpus:1;cpus(ads):3", "");
        assertThat(filter.filter(request("t", "cpus:2", 0, "web", Set.of()), agent, NO_INSTANCES))
                .isEqualTo(Verdict.rejected(ResourcesFilter.INSUFFICIENT_CPUS)); // only cpus:1 is usable by web
        assertThat(filter.filter(request("t", "cpus:2", 0, "ads", Set.of()), agent, NO_INSTANCES))
                .isEqualTo(Verdict.FITS); // 1 unreserved + 3 reserved
    }
}
