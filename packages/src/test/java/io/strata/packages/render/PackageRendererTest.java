package io.strata.packages.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.packages.universe.PackageDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClusterValues CLUSTER = new ClusterValues("zk://127.0.0.1:2181/strata",
            "zk://127.0.0.1:2181/strata", "http://router:7070/", "http://127.0.0.1:8080");
    private static final PackageRenderer RENDERER = new PackageRenderer(CLUSTER);

    static PackageDefinition definition(boolean framework, String template) throws Exception {
        ObjectNode pkg = (ObjectNode) JSON.readTree("""
                {"packagingVersion":"3.0","name":"demo","version":"1.2","maintainer":"m","description":"d",
                 "tags":["t"],"framework":%s,"postUninstallNotes":"bye"}""".formatted(framework));
        ObjectNode config = (ObjectNode) JSON.readTree("""
                {"type":"object","properties":{"demo":{"type":"object","properties":{
                  "framework-name":{"type":"string","default":"demo-fw"},
                  "cpus":{"type":"number","default":0.5,"minimum":0.1},
                  "debug":{"type":"boolean","default":false}}}}}""");
        ObjectNode resource = (ObjectNode) JSON.readTree("""
                {"images":{"icon-small":"http://x/s.png"},"assets":{"uris":{"jar":"http://x/app.jar"}}}""");
        ObjectNode command = framework ? (ObjectNode) JSON.readTree("{\"pip\":[\"x\"]}") : null;
        return new PackageDefinition(pkg, config, template, resource, command, "4");
    }

    private static final String TEMPLATE = """
            {"id":"{{demo.framework-name}}","cmd":"run --router {{strata.router}} --zk {{strata.zk}}{{#demo.debug}} --debug{{/demo.debug}}",
             "cpus":{{demo.cpus}},"fetch":[{"uri":"{{resource.assets.uris.jar}}"}],"labels":{"OWN":"kept"}}""";

    @Test
    void render_defaults_appliedBeforeRendering() throws Exception {
        ObjectNode app = RENDERER.render(definition(false, TEMPLATE), null, "builtin:universe", null);
        assertThat(app.get("id").asText()).isEqualTo("/demo-fw");
        assertThat(app.get("cpus").asDouble()).isEqualTo(0.5);
        assertThat(app.get("cmd").asText()).isEqualTo("run --router http://router:7070 --zk zk://127.0.0.1:2181/strata");
        assertThat(app.at("/fetch/0/uri").asText()).isEqualTo("http://x/app.jar");
        assertThat(app.at("/labels/OWN").asText()).isEqualTo("kept");
    }

    @Test
    void render_userOptions_mergedOverDefaults() throws Exception {
        JsonNode options = JSON.readTree("{\"demo\":{\"cpus\":2,\"debug\":true}}");
        ObjectNode app = RENDERER.render(definition(false, TEMPLATE), options, "builtin:universe", "/other/id");
        assertThat(app.get("cpus").asDouble()).isEqualTo(2.0);
        assertThat(app.get("cmd").asText()).endsWith(" --debug");
        assertThat(app.get("id").asText()).isEqualTo("/other/id");
        assertThat(app.at("/labels/DCOS_PACKAGE_FRAMEWORK_NAME").isMissingNode()).as("not a framework").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DCOS_PACKAGE_NAME              | demo
            DCOS_PACKAGE_VERSION           | 1.2
            DCOS_PACKAGE_SOURCE            | http://repo/x.zip
            DCOS_PACKAGE_RELEASE           | 4
            DCOS_PACKAGE_REGISTRY_VERSION  | 3.0
            DCOS_PACKAGE_IS_FRAMEWORK      | true
            DCOS_PACKAGE_FRAMEWORK_NAME    | demo-fw
            """)
    void render_framework_carriesPlainLabel(String label, String value) throws Exception {
        ObjectNode app = RENDERER.render(definition(true, TEMPLATE), null, "http://repo/x.zip", null);
        assertThat(app.get("labels").get(label).asText()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DCOS_PACKAGE_METADATA   | /name                       | demo
            DCOS_PACKAGE_METADATA   | /images/icon-small          | http://x/s.png
            DCOS_PACKAGE_DEFINITION | /config/properties/demo/type | object
            DCOS_PACKAGE_DEFINITION | /command/pip/0              | x
            DCOS_PACKAGE_OPTIONS    | /demo/cpus                  | 3
            DCOS_PACKAGE_COMMAND    | /pip/0                      | x
            """)
    void render_framework_carriesBase64JsonLabel(String label, String pointer, String value) throws Exception {
        JsonNode options = JSON.readTree("{\"demo\":{\"cpus\":3}}");
        ObjectNode app = RENDERER.render(definition(true, TEMPLATE), options, "builtin:universe", null);
        JsonNode decoded = JSON.readTree(Base64.getDecoder().decode(app.get("labels").get(label).asText()));
        assertThat(decoded.at(pointer).asText()).isEqualTo(value);
    }

    @Test
    void render_definitionLabel_carriesTheTemplate() throws Exception {
        ObjectNode app = RENDERER.render(definition(true, TEMPLATE), null, "builtin:universe", null);
        JsonNode definition = PackageLabels.decode(app.at("/labels/DCOS_PACKAGE_DEFINITION").asText());
        String template = new String(Base64.getDecoder().decode(definition.at("/marathon/v2AppMustacheTemplate")
                .asText()), StandardCharsets.UTF_8);
        assertThat(template).isEqualTo(TEMPLATE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong type    | {"demo":{"cpus":"many"}} | demo.cpus
            below minimum | {"demo":{"cpus":0}}      | demo.cpus
            wrong boolean | {"demo":{"debug":"yes"}} | demo.debug
            """)
    void render_badOptions_schemaMismatchNamesOption(String name, String options, String option) throws Exception {
        assertThatThrownBy(() -> RENDERER.render(definition(false, TEMPLATE), JSON.readTree(options), "s", null))
                .isInstanceOfSatisfying(PackageException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.JsonSchemaMismatch);
                    assertThat(e.getMessage()).contains("option '" + option + "'");
                    assertThat(e.data().at("/errors/0/option").asText()).isEqualTo(option);
                });
    }

    @Test
    void render_optionsNotAnObject_schemaMismatch() throws Exception {
        assertThatThrownBy(() -> RENDERER.render(definition(false, TEMPLATE), JSON.readTree("[1]"), "s", null))
                .isInstanceOfSatisfying(PackageException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.JsonSchemaMismatch));
    }

    @Test
    void render_templateRendersToNonJson_invalidRenderedTemplate() throws Exception {
        assertThatThrownBy(() -> RENDERER.render(definition(false, "{\"id\": {{demo.framework-name}} }"), null, "s",
                null)).isInstanceOfSatisfying(PackageException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.InvalidRenderedTemplate));
    }

    @Test
    void render_noTemplate_missingTemplateError() throws Exception {
        assertThatThrownBy(() -> RENDERER.render(definition(false, null), null, "s", null))
                .isInstanceOfSatisfying(PackageException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.PackageMissingMarathonTemplate));
    }
}
