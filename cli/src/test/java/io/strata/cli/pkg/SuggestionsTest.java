package io.strata.cli.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> NAMES = List.of("kubernetes", "nginx", "redis", "zookeeper", "memcached",
            "nginx-ingress", "cassandra");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ngnix       | nginx
            redsi       | redis
            kubernets   | kubernetes
            zookeper    | zookeeper
            nginx2      | nginx
            ingress     | nginx-ingress
            memcache    | memcached
            Redis       | redis
            cassandar   | cassandra
            """)
    void closest_typo_firstSuggestionIsIntended(String typed, String expected) {
        assertThat(Suggestions.closest(typed, NAMES, 3)).first().isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx       | nginx-ingress
            ngin        | nginx,nginx-ingress
            postgres    | ''
            xyz         | ''
            """)
    void closest_candidates_rankedContainsFirstThenDistance(String typed, String expected) {
        List<String> wanted = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(","));
        assertThat(Suggestions.closest(typed, NAMES, 3)).containsExactlyElementsOf(wanted);
    }

    @ParameterizedTest(name = "{0}/{1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx  | nginx  | 0
            ngnix  | nginx  | 1
            nginx  | ngin   | 1
            redis  | redsi  | 1
            abc    | xyz    | 3
            ''     | abc    | 3
            """)
    void distance_pairs_optimalStringAlignment(String a, String b, int expected) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
        assertThat(Suggestions.distance(b, a)).as("symmetric").isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void closest_limit_capsTheList() {
        assertThat(Suggestions.closest("n", List.of("na", "nb", "nc", "nd"), 2)).containsExactly("na", "nb");
    }
}
