package io.strata.cli.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferMatcherTest {
    static Resource scalar(String name, double value, String role) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, role, null);
    }

    static Offer offer(String id, String host, Resource... resources) {
        return new Offer(new OfferId(id), null, new AgentId("agent-" + host), host, null, List.of(resources), null,
                null);
    }

    @Test
    void match_enoughUnreserved_carvesExactAmounts() {
        Offer offer = offer("o1", "a1", scalar("cpus", 4, "*"), scalar("mem", 1024, "*"), scalar("disk", 100, "*"));

        var match = OfferMatcher.match(offer, ResourceText.parse("cpus:0.1;mem:32"), "*");

        assertThat(match).isEqualTo(new OfferMatcher.Fits(List.of(scalar("cpus", 0.1, "*"),
                scalar("mem", 32, "*"))));
    }

    @Test
    void match_roleReservationFirstThenUnreserved_splitsAcrossEntries() {
        // cpus(web):1 + cpus(*):4, request 1.5 -> 1 reserved + 0.5 unreserved
        Offer offer = offer("o1", "a1", scalar("cpus", 4, "*"), scalar("cpus", 1, "web"), scalar("mem", 64, null));

        var match = OfferMatcher.match(offer, ResourceText.parse("cpus:1.5;mem:32"), "web");

        assertThat(match).isEqualTo(new OfferMatcher.Fits(List.of(scalar("cpus", 1, "web"), scalar("cpus", 0.5, "*"),
                scalar("mem", 32, null))));
    }

    @Test
    void match_otherRolesReservation_notUsable() {
        Offer offer = offer("o1", "a1", scalar("cpus", 8, "ads"), scalar("mem", 64, "*"));

        var match = OfferMatcher.match(offer, ResourceText.parse("cpus:1;mem:32"), "*");

        assertThat(match).isEqualTo(new OfferMatcher.Lacks("cpus: offered 0, needs 1"));
    }

    @Test
    void match_short_namesEveryShortResource() {
        Offer offer = offer("o1", "a1", scalar("cpus", 0.05, "*"), scalar("mem", 16, "*"));

        var match = OfferMatcher.match(offer, ResourceText.parse("cpus:0.1;mem:32;gpus:1"), "*");

        assertThat(match).isEqualTo(new OfferMatcher.Lacks(
                "cpus: offered 0.05, needs 0.1; mem: offered 16, needs 32; gpus: offered 0, needs 1"));
    }

    @Test
    void match_binaryFractions_exactFitAccepted() {
        // 0.1 + 0.2 offered as separate entries must satisfy 0.3 despite 0.1 + 0.2 != 0.3 in doubles
        Offer offer = offer("o1", "a1", scalar("cpus", 0.1, "*"), scalar("cpus", 0.2, "*"));

        assertThat(OfferMatcher.match(offer, ResourceText.parse("cpus:0.3"), "*"))
                .isInstanceOf(OfferMatcher.Fits.class);
    }
}
