package io.strata.services.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import io.strata.services.wire.GroupReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupPlannerTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** Current apps: /shop/web (2), /shop/db/pg (1), /other/x (1). */
    static Map<PathId, AppDefinition> current() throws Exception {
        Map<PathId, AppDefinition> out = new LinkedHashMap<>();
        for (String[] app : new String[][] {{"/shop/web", "2"}, {"/shop/db/pg", "1"}, {"/other/x", "1"}}) {
            AppDefinition definition = io.strata.services.wire.AppReader.read(Json.camel().readTree(
                    "{\"id\":\"" + app[0] + "\",\"cmd\":\"sleep 1\",\"instances\":" + app[1] + "}"), null)
                    .withVersions(T, T, T);
            out.put(definition.id(), definition);
        }
        return out;
    }

    static GroupUpdate update(String json, String base) throws Exception {
        return GroupReader.read(Json.camel().readTree(json), PathId.parse(base));
    }

    static List<String> ids(List<AppDefinition> apps) {
        return apps.stream().map(a -> a.id().toString()).toList();
    }

    @Test
    void update_newGroupWithNestedApps_createsThemAndRecordsTheGroups() throws Exception {
        GroupPlan plan = GroupPlanner.update(current(), Set.of(), update(
                "{\"id\":\"/new\",\"apps\":[{\"id\":\"a\",\"cmd\":\"x\"}],\"groups\":[{\"id\":\"sub\",\"apps\":[{\"id\":\"b\",\"cmd\":\"x\"}]},{\"id\":\"empty\"}]}",
                "/"));

        assertThat(ids(plan.creates())).containsExactly("/new/a", "/new/sub/b");
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.groups()).containsExactlyInAnyOrder(PathId.parse("/new"), PathId.parse("/new/sub"),
                PathId.parse("/new/empty"));
    }

    @Test
    void update_appsListed_replacesTheDirectAppsAndKeepsSubgroups() throws Exception {
        GroupPlan plan = GroupPlanner.update(current(), Set.of(), update(
                "{\"apps\":[{\"id\":\"api\",\"cmd\":\"x\"}]}", "/shop"));

        assertThat(ids(plan.creates())).containsExactly("/shop/api");
        assertThat(ids(plan.updates())).containsExactly("/shop/db/pg");
        assertThat(plan.deletes()).containsExactly(PathId.parse("/shop/web"));
    }

    @Test
    void update_emptyGroupsList_removesEverySubgroupWithItsApps() throws Exception {
        GroupPlan plan = GroupPlanner.update(current(), Set.of(PathId.parse("/shop/cache")), update(
                "{\"groups\":[]}", "/shop"));

        assertThat(ids(plan.updates())).containsExactly("/shop/web");
        assertThat(plan.deletes()).containsExactly(PathId.parse("/shop/db/pg"));
        assertThat(plan.groups()).containsExactly(PathId.parse("/shop"));
    }

    @ParameterizedTest(name = "scaleBy {0}: /shop/web 2 -> {1}, /shop/db/pg 1 -> {2}")
    @CsvSource({"2, 4, 2", "0.5, 1, 1", "1.5, 3, 2", "0, 0, 0"})
    void update_scaleBy_scalesEveryAppBelowTheGroupRoundingUp(double factor, int web, int pg) throws Exception {
        GroupPlan plan = GroupPlanner.update(current(), Set.of(), update("{\"scaleBy\":" + factor + "}", "/shop"));

        assertThat(plan.updates()).extracting(a -> a.id().toString() + "=" + a.instances())
                .containsExactly("/shop/db/pg=" + pg, "/shop/web=" + web);
        assertThat(plan.creates()).isEmpty();
        assertThat(plan.deletes()).isEmpty();
    }

    @Test
    void delete_group_removesEveryAppAndGroupBelowOnly() throws Exception {
        GroupPlan plan = GroupPlanner.delete(current(), Set.of(PathId.parse("/shop/cache"), PathId.parse("/keep")),
                PathId.parse("/shop"));

        assertThat(plan.deletes()).containsExactly(PathId.parse("/shop/db/pg"), PathId.parse("/shop/web"));
        assertThat(plan.groups()).containsExactly(PathId.parse("/keep"));
    }

    @ParameterizedTest(name = "{0} exists: {1}")
    @CsvSource({"/, true", "/shop, true", "/shop/db, true", "/shop/web, false", "/nope, false", "/empty, true",
            "/empty/deeper, false"})
    void exists_pathsAboveAppsAndExplicitGroups(String id, boolean exists) throws Exception {
        assertThat(GroupPlanner.exists(current(), Set.of(PathId.parse("/empty")), PathId.parse(id))).isEqualTo(exists);
    }
}
