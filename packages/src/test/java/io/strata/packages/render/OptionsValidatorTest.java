package io.strata.packages.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"$schema":"http://json-schema.org/schema#","type":"object","additionalProperties":false,
             "properties":{"service":{"type":"object","additionalProperties":false,"required":["name"],
               "properties":{"name":{"type":"string","pattern":"^[a-z0-9-]+$"}}},
              "nginx":{"type":"object","properties":{"cpus":{"type":"number","minimum":0.01},
               "instances":{"type":"integer","minimum":0,"maximum":100}}}}}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            valid                    | {"service":{"name":"web"},"nginx":{"cpus":0.5,"instances":2}} | -
            wrong type               | {"service":{"name":"web"},"nginx":{"cpus":"lots"}}            | nginx.cpus
            below minimum            | {"service":{"name":"web"},"nginx":{"cpus":0}}                 | nginx.cpus
            above maximum            | {"service":{"name":"web"},"nginx":{"instances":1000}}         | nginx.instances
            not an integer           | {"service":{"name":"web"},"nginx":{"instances":1.5}}          | nginx.instances
            pattern                  | {"service":{"name":"Web Server"}}                             | service.name
            required missing         | {"service":{}}                                                | service.name
            unknown nested option    | {"service":{"name":"web","nmae":"x"}}                         | service.nmae
            unknown top-level option | {"service":{"name":"web"},"ngnix":{}}                         | ngnix
            """)
    void validate_options_namesTheFailingOption(String name, String options, String failing) throws Exception {
        List<OptionError> errors = OptionsValidator.validate(JSON.readTree(SCHEMA), JSON.readTree(options));
        if (failing.equals("-")) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).extracting(OptionError::option).containsExactly(failing);
            assertThat(errors.getFirst().describe()).startsWith("option '" + failing + "': ");
            assertThat(errors.getFirst().reason()).isNotBlank();
        }
    }

    @org.junit.jupiter.api.Test
    void validate_severalProblems_listsEachSortedByOption() throws Exception {
        JsonNode options = JSON.readTree("{\"service\":{\"name\":\"UPPER\"},\"nginx\":{\"cpus\":\"x\",\"instances\":-1}}");
        assertThat(OptionsValidator.validate(JSON.readTree(SCHEMA), options)).extracting(OptionError::option)
                .containsExactly("nginx.cpus", "nginx.instances", "service.name");
    }
}
