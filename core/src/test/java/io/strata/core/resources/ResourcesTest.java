package io.strata.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {

    private static Resources r(String text) {
        return Resources.parse(text);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:1;mem:10                    | cpus:0.5;disk:5              | cpus:1.5;disk:5;mem:10",
        "cpus:1                           | cpus(ads):1                  | cpus:1;cpus(ads):1",
        "ports:[1-5]                      | ports:[6-9]                  | ports:[1-9]",
        "bugs:{a,b}                       | bugs:{b,c}                   | bugs:{a,b,c}",
        "''                               | cpus:2                       | cpus:2",
        "cpus:0.1                         | cpus:0.2                     | cpus:0.3",
    })
    void plus_mergesSameNameAndRole(String a, String b, String expected) {
        assertThat(r(a).plus(r(b))).isEqualTo(r(expected));
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:8;mem:4096;ports:[31000-32000] | cpus:2;mem:1024;ports:[31000-31000] | cpus:6;mem:3072;ports:[31001-32000]",
        "cpus:2;mem:10                       | cpus:0.5                            | cpus:1.5;mem:10",
        "cpus:1                              | cpus:2                              | ''",
        "cpus:1;cpus(ads):2                  | cpus(ads):2                         | cpus:1",
        "cpus:1                              | cpus(ads):1                         | cpus:1",
        "bugs:{a,b,c}                        | bugs:{b}                            | bugs:{a,c}",
        "cpus:1                              | mem:5                               | cpus:1",
    })
    void minus_subtractsAndDropsEmpty(String a, String b, String expected) {
        assertThat(r(a).minus(r(b))).isEqualTo(r(expected));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:2;mem:10              | cpus:1.5              | true",
        "cpus:2;mem:10              | cpus:2;mem:10         | true",
        "cpus:2;mem:10              | cpus:2.001            | false",
        "cpus:2;mem:10              | disk:1                | false",
        "cpus(ads):2                | cpus:1                | false",
        "cpus:2                     | ''                    | true",
        "ports:[31000-32000]        | ports:[31000-31005]   | true",
        "ports:[31000-32000]        | ports:[30000-31005]   | false",
        "bugs:{a,b}                 | bugs:{a}              | true",
    })
    void contains_checksEachNameAndRole(String a, String b, boolean expected) {
        assertThat(r(a).contains(r(b))).isEqualTo(expected);
    }

    @Test
    void minusThenPlus_restoresOriginal() {
        Resources agent = r("cpus:8;mem:4096;ports:[31000-32000]");
        Resources offer = r("cpus:2;mem:1024;ports:[31000-31000]");
        assertThat(agent.minus(offer).plus(offer)).isEqualTo(agent);
    }

    @Test
    void scalar_sumsAcrossRoles() {
        Resources resources = r("cpus:4;cpus(ads):2;mem:10");
        assertThat(resources.scalar("cpus")).isEqualTo(Scalar.ofWhole(6));
        assertThat(resources.scalar("gpus")).isEqualTo(Scalar.ZERO);
        assertThat(resources.scalar("cpus", Set.of("ads"))).isEqualTo(Scalar.ofWhole(2));
    }

    @Test
    void roleViews_selectByRole() {
        Resources resources = r("cpus:4;cpus(ads):2;cpus(web):1");
        assertThat(resources.allocatableTo("ads")).isEqualTo(r("cpus:4;cpus(ads):2"));
        assertThat(resources.reservedTo("web")).isEqualTo(r("cpus(web):1"));
        assertThat(resources.unreserved()).isEqualTo(r("cpus:4"));
        assertThat(resources.reserved()).isEqualTo(r("cpus(ads):2;cpus(web):1"));
        assertThat(resources.toRole("b")).isEqualTo(r("cpus(b):7"));
        assertThat(resources.roles()).containsExactly("*", "ads", "web");
    }

    @Test
    void allocatableTo_nothingReservedForOthers_returnsSameInstance() {
        Resources resources = r("cpus:4;cpus(ads):2");
        assertThat(resources.allocatableTo("ads")).isSameAs(resources);
    }

    @Test
    void ports_unitesAcrossRoles() {
        assertThat(r("ports:[1-5];ports(a):[6-7]").ports()).isEqualTo(Ranges.of(1, 7));
    }

    @Test
    void flatMap_hasMesosStateShape() {
        Resources resources = r("cpus:2;mem:1024;ports:[31000-32000,33000-34000];bugs:{a,b};cpus(ads):1");
        assertThat(resources.flatMap()).containsExactly(
                java.util.Map.entry("cpus", 3.0),
                java.util.Map.entry("gpus", 0.0),
                java.util.Map.entry("mem", 1024.0),
                java.util.Map.entry("disk", 0.0),
                java.util.Map.entry("bugs", "{a, b}"),
                java.util.Map.entry("ports", "[31000-32000, 33000-34000]"));
    }

    @Test
    void plus_mixedTypesUnderOneName_throws() {
        assertThatThrownBy(() -> r("x:1").plus(r("x:[1-2]")))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessage("resource 'x': has both SCALAR and RANGES values");
    }

    @Test
    void equality_isByContent() {
        Resources a = Resources.of(Resource.scalar("mem", 1), Resource.scalar("cpus", 1), Resource.scalar("cpus", 1));
        assertThat(a).isEqualTo(r("cpus:2;mem:1")).hasSameHashCodeAs(r("cpus:2;mem:1"));
        assertThat(a.names()).containsExactly("cpus", "mem");
        assertThat(a.stream().map(Resource::name).toList()).isEqualTo(List.of("cpus", "mem"));
    }
}
