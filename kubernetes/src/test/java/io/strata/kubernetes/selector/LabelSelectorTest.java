package io.strata.kubernetes.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app=web|true", "app==web|true", "app!=web|false", "app=db|false", "tier in (front,back)|true",
        "tier notin (front)|false", "app|true", "!app|false", "!missing|true", "app=web,tier!=back|true",
        "app in (web),tier in (back)|false", "''|true"})
    void matches_selector_expected(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector.equals("''") ? "" : selector).matches(LABELS)).isEqualTo(expected);
    }

    @Test
    void parse_badKey_rejected() {
        assertThatThrownBy(() -> LabelSelector.parse("-bad-=x")).isInstanceOf(SelectorException.class);
    }

    @Test
    void fieldSelector_nestedFields_matchAsText() throws Exception {
        var pod = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"metadata\":{\"name\":\"p\"},\"status\":{\"phase\":\"Pending\"}}");
        assertThat(FieldSelector.parse("metadata.name=p,status.phase!=Running").matches(pod)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName=n1").matches(pod)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName=").matches(pod)).isTrue();
    }
}
