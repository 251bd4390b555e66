package io.strata.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceParserTest {

    @Test
    void parse_agentFlagExample_readsEveryType() {
        Resources resources = ResourceParser.parse(
                "cpus:24;gpus:2;mem:24576;disk:409600;ports:[21000-24000,30000-34000];bugs(debug_role):{a,b,c}", "*");
        assertThat(resources.scalar("cpus")).isEqualTo(Scalar.ofWhole(24));
        assertThat(resources.scalar("gpus")).isEqualTo(Scalar.ofWhole(2));
        assertThat(resources.scalar("mem")).isEqualTo(Scalar.ofWhole(24576));
        assertThat(resources.scalar("disk")).isEqualTo(Scalar.ofWhole(409600));
        assertThat(resources.ports()).isEqualTo(Ranges.of(21000, 24000, 30000, 34000));
        assertThat(resources.get("bugs", "debug_role")).contains(ValueSet.of("a", "b", "c"));
    }

    @Test
    void parse_defaultRole_appliesToEntriesWithoutRole() {
        Resources resources = ResourceParser.parse("cpus:2;mem(public):1024", "slave_public");
        assertThat(resources.reservedTo("slave_public")).isEqualTo(Resources.parse("cpus(slave_public):2"));
        assertThat(resources.reservedTo("public")).isEqualTo(Resources.parse("mem(public):1024"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cpus:24;gpus:2;mem:24576;disk:409600;ports:[21000-24000,30000-34000];bugs(debug_role):{a,b,c}",
        "cpus(public):2;mem(public):1024",
        "cpus:0.125;cpus(a):1",
    })
    void format_roundTrips(String text) {
        Resources parsed = ResourceParser.parse(text, "*");
        assertThat(ResourceParser.parse(ResourceParser.format(parsed), "*")).isEqualTo(parsed);
    }

    @Test
    void format_sortsByNameThenRole() {
        assertThat(ResourceParser.format(Resources.parse("mem:10;cpus(b):1;cpus:2;ports:[1-2]")))
                .isEqualTo("cpus:2;cpus(b):1;mem:10;ports:[1-2]");
    }

    @Test
    void parse_sameKeyTwice_adds() {
        assertThat(Resources.parse("cpus:1;cpus:2.5")).isEqualTo(Resources.parse("cpus:3.5"));
    }

    @Test
    void parse_blankAndTrailingSeparator_areTolerated() {
        assertThat(Resources.parse("")).isEqualTo(Resources.EMPTY);
        assertThat(Resources.parse(" cpus : 1 ; ")).isEqualTo(Resources.parse("cpus:1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "cpus:-1                    | resource 'cpus': value -1 is negative",
        "cpus:abc                   | resource 'cpus': value 'abc' is not a number",
        "cpus                       | resource 'cpus': expected name:value",
        "gpus:1.5                   | resource 'gpus': value 1.5 is not a whole number of GPUs",
        "cpus(a/b):1                | resource 'cpus': role 'a/b' is invalid: contains '/'",
        "cpus(-x):1                 | resource 'cpus': role '-x' is invalid: starts with '-'",
        "ports:[10-5]               | resource 'ports': range 10-5 ends before it begins",
        "ports:[1-5                 | resource 'ports': ranges '[1-5' must end with ']'",
        "ports:[a-b]                | resource 'ports': range 'a-b' is not begin-end",
        "bugs:{a,,b}                | resource 'bugs': set '{a,,b}' has an empty item",
        "cpus:1;x:[1-2];x:3         | resource 'x': has both RANGES and SCALAR values",
        "cpus:                      | resource 'cpus': value is missing",
        "cpus(a:1                   | resource 'cpus(a': role must be written name(role)",
    })
    void parse_invalid_throwsWithFieldAndReason(String text, String message) {
        assertThatThrownBy(() -> ResourceParser.parse(text, "*"))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessage(message);
    }

    @Test
    void exception_carriesFieldAndReason() {
        InvalidResourcesException error = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidResourcesException.class, () -> ResourceParser.parse("mem:-5", "*"));
        assertThat(error.field()).isEqualTo("mem");
        assertThat(error.reason()).isEqualTo("value -5 is negative");
        assertThat(error.kind()).isEqualTo("resource");
    }
}
