package io.strata.services.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.strata.api.json.Json;
import io.strata.services.model.PathId;
import io.strata.services.wire.GroupReader;
import io.strata.services.wire.MarathonException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupReaderTest {

    static MarathonException invalid(String json) {
        return catchThrowableOfType(MarathonException.class,
                () -> GroupReader.read(Json.camel().readTree(json), PathId.ROOT));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> detail(MarathonException e, String path) {
        return ((List<Map<String, Object>>) e.body().get("details")).stream()
                .filter(d -> d.get("path").equals(path)).findFirst().orElseThrow(() -> new AssertionError(e.body()));
    }

    @Test
    void read_relativeIds_areResolvedAgainstTheirGroup() throws Exception {
        GroupUpdate update = GroupReader.read(Json.camel().readTree(
                "{\"id\":\"shop\",\"apps\":[{\"id\":\"web\",\"cmd\":\"x\"}],\"groups\":[{\"id\":\"db\",\"apps\":[{\"id\":\"pg\",\"cmd\":\"x\"}]}]}"),
                PathId.parse("/prod"));

        assertThat(update.id()).isEqualTo(PathId.parse("/prod/shop"));
        assertThat(update.apps().get(0).id()).isEqualTo(PathId.parse("/prod/shop/web"));
        assertThat(update.groups().get(0).apps().get(0).id()).isEqualTo(PathId.parse("/prod/shop/db/pg"));
    }

    @ParameterizedTest(name = "{0} -> 422 at {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"/g\",\"apps\":[{\"id\":\"/other/x\",\"cmd\":\"x\"}]} | /apps(0)/id | Identifier /other/x is not child of /g. Hint: use relative paths.",
            "{\"id\":\"/g\",\"apps\":[{\"id\":\"a\",\"cmd\":\"x\"},{\"id\":\"b\",\"cmd\":\"x\",\"cpus\":-1}]} | /apps(1)/cpus | got -1.0, expected 0.0 or more",
            "{\"id\":\"/g\",\"groups\":[{\"id\":\"s\",\"apps\":[{\"id\":\"a\"}]}]} | /groups(0)/apps(0) | AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.",
            "{\"id\":\"/g\",\"groups\":[{\"id\":\"/elsewhere\"}]} | /groups(0)/id | Identifier /elsewhere is not child of /g. Hint: use relative paths.",
            "{\"id\":\"/g\",\"scaleBy\":-2} | /scaleBy | got -2.0, expected 0.0 or more",
            "{\"id\":\"/g\",\"groups\":[{\"apps\":[]}]} | /groups(0)/id | error.path.missing"})
    void read_invalidGroup_is422NamingTheNestedPath(String json, String path, String error) {
        MarathonException e = invalid(json);

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.body().get("message")).isEqualTo("Object is not valid");
        assertThat(detail(e, path).get("errors")).isEqualTo(List.of(error));
    }

    @Test
    void read_mistypedField_is422InvalidJson() {
        MarathonException e = invalid("{\"id\":\"/g\",\"apps\":[{\"id\":\"a\",\"cmd\":\"x\",\"instances\":\"two\"}]}");

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.body().get("message")).isEqualTo("Invalid JSON");
        assertThat(detail(e, "/apps(0)/instances").get("errors")).isEqualTo(List.of("error.expected.jsnumber.int"));
    }
}
