package io.strata.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeParserTest {

    @Test
    void parse_specExample_typesEachValue() {
        Attributes attributes = AttributeParser.parse("rack:r1;zone:a;level:10;keys:[1000-1500]");
        assertThat(attributes.get("rack")).contains(Attribute.text("rack", "r1"));
        assertThat(attributes.get("level").orElseThrow().value()).isEqualTo(Scalar.ofWhole(10));
        assertThat(attributes.get("keys").orElseThrow().value()).isEqualTo(Ranges.of(1000, 1500));
        assertThat(attributes.valueText("zone")).isEqualTo("a");
        assertThat(attributes.valueText("missing")).isNull();
        assertThat(attributes).hasToString("rack:r1;zone:a;level:10;keys:[1000-1500]");
    }

    @ParameterizedTest
    @CsvSource({"0.8, SCALAR", "1.2.3, TEXT", "centos5, TEXT", "10, SCALAR", "true, TEXT"})
    void parseValue_numbersAreScalars(String text, String type) {
        assertThat(AttributeParser.parseValue("x", text).type()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rack                 | attribute 'rack': expected name:value",
        "rack:a b             | attribute 'rack': value 'a b' must match [a-zA-Z0-9_/.-]+",
        "rack:r1;rack:r2      | attribute 'rack': is given twice",
        "keys:[5-1]           | attribute 'keys': range 5-1 ends before it begins",
        "r ack:x              | attribute 'r ack': name must match [a-zA-Z0-9_/.-]+",
    })
    void parse_invalid_throws(String text, String message) {
        assertThatThrownBy(() -> AttributeParser.parse(text))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessage(message);
    }

    @Test
    void attribute_setValue_isRejected() {
        assertThatThrownBy(() -> new Attribute("s", ValueSet.of("a")))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessage("attribute 's': set values are not supported");
    }
}
