package io.strata.services.reconcile;

import static io.strata.services.reconcile.ReconcilerTest.NEW;
import static io.strata.services.reconcile.ReconcilerTest.NOW;
import static io.strata.services.reconcile.ReconcilerTest.instances;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.Instance;
import io.strata.services.wire.AppReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnreachableStrategyReconcileTest {

    /** An app of 3 instances with {@code strategy} as its unreachableStrategy JSON ("disabled", "60/300" or "" for the default). */
    static AppDefinition app(String strategy) {
        ObjectNode json = Json.camel().createObjectNode();
        json.put("id", "/web");
        json.put("cmd", "sleep 1000");
        json.put("instances", 3);
        if (strategy.equals("disabled")) {
            json.put("unreachableStrategy", "disabled");
        } else if (!strategy.isEmpty()) {
            String[] parts = strategy.split("/");
            json.putObject("unreachableStrategy").put("inactiveAfterSeconds", Integer.parseInt(parts[0]))
                    .put("expungeAfterSeconds", Integer.parseInt(parts[1]));
        }
        return AppReader.read(json, null).withVersions(NEW, NEW, NEW);
    }

    /** Two running instances and one that became unreachable {@code secondsAgo} seconds before NOW. */
    static List<Instance> twoRunningOneUnreachable(long secondsAgo) {
        List<Instance> out = new ArrayList<>(instances(2, NEW, Condition.RUNNING, null, "r"));
        out.add(instances(1, NEW, Condition.RUNNING, null, "u").get(0)
                .withCondition(Condition.UNREACHABLE, NOW.minusSeconds(secondsAgo), "agent partitioned"));
        return out;
    }

    @ParameterizedTest(name = "strategy {0}, unreachable for {1} s: launch {2}, expunged {3}")
    @CsvSource({
            "60/300, 0, 0, false",
            "60/300, 59, 0, false",
            // inactiveAfterSeconds reached: a replacement starts, the unreachable instance is kept
            "60/300, 60, 1, false",
            "60/300, 299, 1, false",
            // expungeAfterSeconds reached: forgotten
            "60/300, 300, 1, true",
            "'', 0, 1, true",
            "0/120, 0, 1, false",
            "disabled, 100000, 0, false"})
    void reconcile_unreachableInstance_followsTheStrategysTimers(String strategy, long secondsAgo, int launch,
            boolean expunged) {
        Intents intents = Reconciler.reconcile(app(strategy), twoRunningOneUnreachable(secondsAgo), false, Instant.MIN,
                NOW);

        assertThat(intents.launch()).isEqualTo(launch);
        assertThat(intents.expunges()).isEqualTo(expunged ? List.of("u0") : List.of());
        assertThat(intents.kills()).isEmpty();
        assertThat(intents.converged()).isFalse();
    }

    @Test
    void reconcile_unreachableNotYetInactive_saysWhenItWillBeReplaced() {
        Intents intents = Reconciler.reconcile(app("60/300"), twoRunningOneUnreachable(10), false, Instant.MIN, NOW);

        assertThat(intents.waitingFor()).startsWith("1 instances unreachable, replaced from " + NOW.plusSeconds(50));
    }

    @Test
    void reconcile_disabledStrategy_saysItIsNeverReplaced() {
        Intents intents = Reconciler.reconcile(app("disabled"), twoRunningOneUnreachable(10), false, Instant.MIN, NOW);

        assertThat(intents.waitingFor()).contains("never replaced");
    }

    @Test
    void reconcile_inactiveInstanceComesBack_surplusIsKilled() {
        List<Instance> observed = new ArrayList<>(instances(3, NEW, Condition.RUNNING, null, "r"));
        Instance back = instances(1, NEW, Condition.RUNNING, null, "u").get(0)
                .withCondition(Condition.UNREACHABLE, NOW.minusSeconds(100), "partitioned")
                .withCondition(Condition.RUNNING, NOW, "back");
        observed.add(back);

        Intents intents = Reconciler.reconcile(app("60/300"), observed, false, Instant.MIN, NOW);

        assertThat(intents.launch()).isZero();
        assertThat(intents.kills()).hasSize(1);
        assertThat(back.unreachableSince()).isNull();
    }

    @Test
    void withCondition_repeatedUnreachable_keepsTheFirstTime() {
        Instance first = instances(1, NEW, Condition.RUNNING, null, "u").get(0)
                .withCondition(Condition.UNREACHABLE, NOW, "partitioned");

        Instance again = first.withCondition(Condition.UNREACHABLE, NOW.plusSeconds(30), "still partitioned");

        assertThat(again.unreachableSince()).isEqualTo(NOW);
    }

    @Test
    void reconcile_appRemoved_unreachableInstancesAreKilledNotExpunged() {
        Intents intents = Reconciler.reconcile(null, twoRunningOneUnreachable(100000), false, Instant.MIN, NOW);

        assertThat(intents.kills()).hasSize(3);
        assertThat(intents.expunges()).isEmpty();
    }
}
