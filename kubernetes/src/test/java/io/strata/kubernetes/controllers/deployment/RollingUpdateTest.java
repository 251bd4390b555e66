package io.strata.kubernetes.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's rolling update arithmetic, table-driven. */
class RollingUpdateTest {

    private static JsonNode v(Object o) {
        return o == null ? MissingNode.getInstance() : o instanceof Integer i ? IntNode.valueOf(i) : TextNode.valueOf((String) o);
    }

    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of(null, null, 10, 3, 2),      // defaults 25%/25%: surge rounds up, unavailable down
                Arguments.of("25%", "25%", 4, 1, 1),
                Arguments.of(0, 0, 3, 0, 1),             // both zero: maxUnavailable becomes 1
                Arguments.of("50%", "50%", 3, 2, 1),
                Arguments.of(1, 0, 5, 1, 0),
                Arguments.of("0%", "10%", 5, 0, 1),      // 10% of 5 rounds down to 0, then fencepost gives 1
                Arguments.of("2", "1", 5, 2, 1));        // int-or-string given as a string number
    }

    @ParameterizedTest
    @MethodSource
    void bounds(Object surge, Object unavailable, int replicas, int wantSurge, int wantUnavailable) {
        assertThat(RollingUpdate.bounds(v(surge), v(unavailable), replicas))
                .isEqualTo(new RollingUpdate.Bounds(wantSurge, wantUnavailable));
    }

    static Stream<Arguments> newReplicas() {
        return Stream.of(
                Arguments.of(10, 3, 10, 0, 3),    // surge room 3
                Arguments.of(10, 3, 13, 0, 0),    // at max total: no scale up
                Arguments.of(10, 3, 11, 5, 7),    // min(13-11, 10-5)
                Arguments.of(10, 3, 12, 12, 10),  // above desired: scale down to desired
                Arguments.of(10, 3, 10, 10, 10),  // done
                Arguments.of(3, 0, 3, 1, 1));     // no surge: wait for old pods to go
    }

    @ParameterizedTest
    @MethodSource
    void newReplicas(int replicas, int surge, int all, int current, int want) {
        assertThat(RollingUpdate.newReplicas(replicas, new RollingUpdate.Bounds(surge, 1), all, current))
                .isEqualTo(want);
    }

    static Stream<Arguments> scaleDownOld() {
        RollingUpdate.Rs none = null;
        return Stream.of(
                // new RS surged to 3 with nothing available: 2 of the available old may go (10+3-8-3)
                Arguments.of(10, 3, 2, new RollingUpdate.Rs("new", 3, 0), List.of(new RollingUpdate.Rs("old", 10, 10)),
                        Map.of("old", 8)),
                // maxUnavailable 0 and the new pod not yet available: nothing may go
                Arguments.of(3, 1, 0, new RollingUpdate.Rs("new", 1, 0), List.of(new RollingUpdate.Rs("old", 3, 1)),
                        Map.of()),
                // the new RS is fully available: the last old pod goes
                Arguments.of(3, 1, 0, new RollingUpdate.Rs("new", 3, 3), List.of(new RollingUpdate.Rs("old", 1, 1)),
                        Map.of("old", 0)),
                // unhealthy old replicas are cleaned up first (2 of 3 unavailable)
                Arguments.of(4, 1, 1, new RollingUpdate.Rs("new", 2, 2), List.of(new RollingUpdate.Rs("a", 3, 1)),
                        Map.of("a", 1)),
                // the oldest RS is scaled down first
                Arguments.of(4, 0, 2, new RollingUpdate.Rs("new", 0, 0),
                        List.of(new RollingUpdate.Rs("a", 2, 2), new RollingUpdate.Rs("b", 2, 2)), Map.of("a", 0)),
                // no old replicas: nothing to do
                Arguments.of(4, 1, 1, new RollingUpdate.Rs("new", 4, 4), List.of(new RollingUpdate.Rs("a", 0, 0)),
                        Map.of()),
                Arguments.of(2, 1, 0, none, List.of(new RollingUpdate.Rs("a", 2, 2)), Map.of()));
    }

    @ParameterizedTest
    @MethodSource
    void scaleDownOld(int replicas, int surge, int unavailable, RollingUpdate.Rs newRs, List<RollingUpdate.Rs> olds,
            Map<String, Integer> want) {
        assertThat(RollingUpdate.scaleDownOld(replicas, new RollingUpdate.Bounds(surge, unavailable), newRs, olds))
                .isEqualTo(want);
    }
}
