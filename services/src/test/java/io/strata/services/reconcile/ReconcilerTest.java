package io.strata.services.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import io.strata.services.wire.AppReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerTest {
    static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NEW = Instant.parse("2026-01-02T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-01-03T00:00:00Z");

    static AppDefinition app(int instances, double minHealth, double overCapacity, boolean healthChecks) {
        ObjectNode json = Json.camel().createObjectNode();
        json.put("id", "/web");
        json.put("cmd", "sleep 1000");
        json.put("instances", instances);
        json.putObject("upgradeStrategy").put("minimumHealthCapacity", minHealth).put("maximumOverCapacity", overCapacity);
        if (healthChecks) {
            json.putArray("healthChecks").addObject().put("protocol", "HTTP");
        }
        return AppReader.read(json, null).withVersions(NEW, NEW, NEW);
    }

    static List<Instance> instances(int count, Instant config, Condition condition, Boolean healthy, String prefix) {
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Instance(prefix + i, PathId.parse("/web"), config, config, "a", "h", List.of(31000L), List.of(),
                    condition, OLD.plusSeconds(i), OLD, null, healthy, healthy == Boolean.FALSE ? 5 : 0, null, null, null, List.of(), null));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} running of {1} wanted: launch {2}, kill {3}")
    @CsvSource({"0,3,3,0", "3,5,2,0", "5,2,0,3", "3,3,0,0", "0,0,0,0"})
    void reconcile_scaling_launchesOrKillsExactlyTheDifference(int running, int wanted, int launch, int kill) {
        Intents intents = Reconciler.reconcile(app(wanted, 1, 1, false),
                instances(running, NEW, Condition.RUNNING, null, "t"), false, Instant.MIN, NOW);
        assertThat(intents.launch()).isEqualTo(launch);
        assertThat(intents.kills()).hasSize(kill);
        assertThat(intents.converged()).isEqualTo(running == wanted);
    }

    @Test
    void reconcile_instancesBeingKilled_areNotCountedNorKilledAgain() {
        List<Instance> observed = new ArrayList<>(instances(2, NEW, Condition.RUNNING, null, "t"));
        observed.add(instances(1, NEW, Condition.RUNNING, null, "k").get(0).withKillRequested(NOW));
        Intents intents = Reconciler.reconcile(app(2, 1, 1, false), observed, false, Instant.MIN, NOW);
        assertThat(intents.launch()).isZero();
        assertThat(intents.kills()).isEmpty();
        assertThat(intents.converged()).isFalse(); // waits for the kill to complete
    }

    @Test
    void reconcile_scaleDown_killsNotRunningFirstThenYoungest() {
        List<Instance> observed = new ArrayList<>(instances(3, NEW, Condition.RUNNING, null, "r"));
        observed.add(instances(1, NEW, Condition.STAGING, null, "s").get(0));
        Intents intents = Reconciler.reconcile(app(2, 1, 1, false), observed, false, Instant.MIN, NOW);
        // the staging one first, then r2 (the youngest running: staged last)
        assertThat(intents.kills()).extracting(Intents.Kill::taskId).containsExactly("s0", "r2");
    }

    @Test
    void reconcile_backoffNotElapsed_launchesNothingAndSaysWhy() {
        Intents intents = Reconciler.reconcile(app(3, 1, 1, false), List.of(), false, NOW.plusSeconds(5), NOW);
        assertThat(intents.launch()).isZero();
        assertThat(intents.waitingFor()).contains("backoff");
    }

    @Test
    void reconcile_appRemoved_killsEveryLiveInstance() {
        Intents intents = Reconciler.reconcile(null, instances(3, NEW, Condition.RUNNING, null, "t"), false,
                Instant.MIN, NOW);
        assertThat(intents.kills()).hasSize(3).allMatch(k -> k.reason() == Intents.Reason.STOP);
        assertThat(Reconciler.reconcile(null, List.of(), false, Instant.MIN, NOW).converged()).isTrue();
    }

    @Test
    void reconcile_mostInstancesUnhealthy_circuitBreakerHoldsKills() {
        List<Instance> observed = new ArrayList<>(instances(3, NEW, Condition.RUNNING, false, "u"));
        observed.addAll(instances(1, NEW, Condition.RUNNING, true, "h"));
        Intents intents = Reconciler.reconcile(app(4, 1, 1, true), observed, false, Instant.MIN, NOW);
        assertThat(intents.breakerOpen()).isTrue();
        assertThat(intents.kills()).isEmpty();
    }

    @Test
    void reconcile_oneInstanceUnhealthy_isKilledAndReplaced() {
        List<Instance> observed = new ArrayList<>(instances(1, NEW, Condition.RUNNING, false, "u"));
        observed.addAll(instances(3, NEW, Condition.RUNNING, true, "h"));
        Intents intents = Reconciler.reconcile(app(4, 1, 1, true), observed, false, Instant.MIN, NOW);
        assertThat(intents.kills()).extracting(Intents.Kill::taskId).containsExactly("u0");
        assertThat(intents.launch()).isEqualTo(1);
    }

    @Test
    void reconcile_secondCheckReachedItsOwnLimit_instanceKilled() {
        ObjectNode json = Json.camel().createObjectNode();
        json.put("id", "/web").put("cmd", "sleep 1000").put("instances", 4);
        var checks = json.putArray("healthChecks");
        checks.addObject().put("protocol", "HTTP").put("maxConsecutiveFailures", 1);
        checks.addObject().put("protocol", "TCP").put("maxConsecutiveFailures", 5);
        AppDefinition app = AppReader.read(json, null).withVersions(NEW, NEW, NEW);
        Instance base = instances(1, NEW, Condition.RUNNING, null, "t").get(0);
        // the TCP check failed 4 times (its limit is 5), the HTTP check passes: not yet killed
        Instance below = base.withProbe(0, 2, true, NOW, null);
        for (int i = 0; i < 4; i++) {
            below = below.withProbe(1, 2, false, NOW, "refused");
        }
        List<Instance> observed = new ArrayList<>(instances(3, NEW, Condition.RUNNING, true, "h"));
        observed.add(below);
        assertThat(Reconciler.reconcile(app, observed, false, Instant.MIN, NOW).kills()).isEmpty();

        observed.set(3, below.withProbe(1, 2, false, NOW, "refused"));
        assertThat(Reconciler.reconcile(app, observed, false, Instant.MIN, NOW).kills())
                .extracting(Intents.Kill::taskId).containsExactly("t0");
    }

    /**
     * One round of a rolling upgrade from {@code oldReady} old and {@code newReady}+{@code newPending} new instances.
     * Example row 1: 3 instances at (1, 1): minHealthy 3, maxCapacity 6: no old may go yet, 3 new start at once.
     */
    @ParameterizedTest(name = "{0} instances ({1},{2}) old={3} newReady={4} newPending={5}: kill {6}, launch {7}")
    @CsvSource({
        "3, 1.0, 1.0, 3, 0, 0, 0, 3",
        "3, 1.0, 1.0, 3, 1, 2, 1, 0",
        "3, 1.0, 0.0, 3, 0, 0, 0, 1",   // minHealthy == maxCapacity: one extra allowed
        "3, 1.0, 0.0, 3, 1, 0, 1, 0",   // the killed one still occupies capacity this round
        "3, 1.0, 0.0, 2, 1, 0, 0, 1",
        "4, 0.5, 0.0, 4, 0, 0, 2, 0",   // minHealthy 2: two old go at once
        "4, 0.5, 0.0, 2, 0, 0, 0, 2",
        "4, 0.0, 0.0, 4, 0, 0, 4, 0",   // (0, 0): everything is killed first
        "10, 0.9, 0.0, 10, 0, 0, 1, 0", // 10 x 0.9 = 9 exactly, not 10
        "3, 1.0, 1.0, 3, 3, 0, 3, 0"})
    void reconcile_rollingUpgrade_followsMarathonArithmetic(int instances, double minHealth, double over,
            int oldReady, int newReady, int newPending, int kill, int launch) {
        List<Instance> observed = new ArrayList<>(instances(oldReady, OLD, Condition.RUNNING, null, "o"));
        observed.addAll(instances(newReady, NEW, Condition.RUNNING, null, "n"));
        observed.addAll(instances(newPending, NEW, Condition.STAGING, null, "p"));
        Intents intents = Reconciler.reconcile(app(instances, minHealth, over, false), observed, true, Instant.MIN, NOW);
        assertThat(intents.kills()).as("kills").hasSize(kill).allMatch(k -> k.reason() == Intents.Reason.UPGRADE);
        assertThat(intents.launch()).as("launches").isEqualTo(launch);
        // never below minHealthy ready, never above maxCapacity in all
        int minHealthy = Capacity.minHealthy(instances, app(instances, minHealth, over, false).upgradeStrategy());
        int maxCapacity = Capacity.maxCapacity(instances, app(instances, minHealth, over, false).upgradeStrategy());
        assertThat(oldReady + newReady - kill).isGreaterThanOrEqualTo(Math.min(minHealthy, oldReady + newReady));
        assertThat(oldReady + newReady + newPending + launch).isLessThanOrEqualTo(Math.max(maxCapacity,
                oldReady + newReady + newPending));
    }

    @Test
    void reconcile_upgradeNotRunning_keepsOldInstances() {
        Intents intents = Reconciler.reconcile(app(3, 1, 1, false), instances(3, OLD, Condition.RUNNING, null, "o"),
                false, Instant.MIN, NOW);
        assertThat(intents.kills()).isEmpty();
        assertThat(intents.launch()).isZero();
    }
}
