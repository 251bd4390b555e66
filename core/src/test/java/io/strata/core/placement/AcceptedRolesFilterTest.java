package io.strata.core.placement;

import static io.strata.core.placement.PlacementFixtures.NO_INSTANCES;
import static io.strata.core.placement.PlacementFixtures.candidate;
import static io.strata.core.placement.PlacementFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AcceptedRolesFilterTest {

    private final AcceptedRolesFilter filter = new AcceptedRolesFilter();

    @Test
    void filter_publicAgentForUnreservedOnlyApp_rejects() {
        Candidate publicAgent = candidate("p1", "cpus(slave_public):4;mem(slave_public):1024", "public_ip:true");
        PlacementRequest app = request("t1", "cpus:1", 0, "slave_public", Set.of("*"));
        assertThat(filter.filter(app, publicAgent, NO_INSTANCES))
                .isEqualTo(Verdict.rejected(AcceptedRolesFilter.NO_ACCEPTED_ROLE));
    }

    @Test
    void filter_acceptedRolePresent_fits() {
        Candidate publicAgent = candidate("p1", "cpus(slave_public):4", "");
        PlacementRequest app = request("t1", "cpus:1", 0, "slave_public", Set.of("slave_public"));
        assertThat(filter.filter(app, publicAgent, NO_INSTANCES)).isEqualTo(Verdict.FITS);
    }

    @Test
    void filter_defaultAcceptedRoles_areStarAndOwnRole() {
        PlacementRequest app = request("t1", "cpus:1", 0, "ads", Set.of());
        assertThat(app.acceptedRoles()).containsExactlyInAnyOrder("*", "ads");
        assertThat(filter.filter(app, candidate("a", "cpus(ads):1", ""), NO_INSTANCES)).isEqualTo(Verdict.FITS);
    }

    @Test
    void filter_emptyCandidate_leavesVerdictToResourcesFilter() {
        assertThat(filter.filter(request("t1", "cpus:1", 0, "*", Set.of()), candidate("a", "", ""), NO_INSTANCES))
                .isEqualTo(Verdict.FITS);
    }
}
