package io.strata.packages.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no properties                 | {"type":"object"}                                                                         | {}
            flat defaults                 | {"properties":{"a":{"default":1},"b":{"default":"x"},"c":{"type":"string"}}}             | {"a":1,"b":"x"}
            nested objects without default| {"properties":{"s":{"type":"object","properties":{"n":{"default":"nginx"}}}}}            | {"s":{"n":"nginx"}}
            object default wins           | {"properties":{"s":{"default":{"n":"own"},"properties":{"n":{"default":"nested"}}}}}   | {"s":{"n":"own"}}
            empty nested is omitted       | {"properties":{"s":{"type":"object","properties":{"n":{"type":"string"}}}}}             | {}
            array and null defaults       | {"properties":{"l":{"default":[1,2]},"z":{"default":null}}}                             | {"l":[1,2],"z":null}
            """)
    void extract_schema_givesDefaultsDocument(String name, String schema, String expected) throws Exception {
        assertThat(SchemaDefaults.extract(JSON.readTree(schema))).isEqualTo(JSON.readTree(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty overlay          | {"a":1}               | {}                      | {"a":1}
            scalar replaces        | {"a":1}               | {"a":2}                 | {"a":2}
            objects merge by key   | {"s":{"n":"x","c":1}} | {"s":{"c":2}}           | {"s":{"n":"x","c":2}}
            new keys are added     | {"a":1}               | {"b":{"c":3}}           | {"a":1,"b":{"c":3}}
            arrays replace         | {"l":[1,2]}           | {"l":[3]}               | {"l":[3]}
            scalar replaces object | {"s":{"n":"x"}}       | {"s":"flat"}            | {"s":"flat"}
            null replaces          | {"a":1}               | {"a":null}              | {"a":null}
            """)
    void merge_overlayOverBase_overlayWinsObjectsMerge(String name, String base, String overlay, String expected)
            throws Exception {
        ObjectNode baseNode = (ObjectNode) JSON.readTree(base);
        JsonNode merged = SchemaDefaults.merge(baseNode, JSON.readTree(overlay));
        assertThat(merged).isEqualTo(JSON.readTree(expected));
        assertThat(baseNode).as("the base is not modified").isEqualTo(JSON.readTree(base));
    }
}
