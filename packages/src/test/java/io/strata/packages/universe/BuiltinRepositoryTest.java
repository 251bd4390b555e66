package io.strata.packages.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.render.ClusterValues;
import io.strata.packages.render.PackageRenderer;
import io.strata.packages.render.SchemaDefaults;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinRepositoryTest {
    /** Marathon's app id segment rule (spec 2.1). */
    private static final Pattern ID_SEGMENT = Pattern.compile(
            "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$");
    private static final ClusterValues CLUSTER = new ClusterValues("zk://127.0.0.1:2181/strata",
            "zk://127.0.0.1:2181/strata", "http://127.0.0.1:7070", "http://127.0.0.1:8080", "/opt/jdk-21/bin/java");
    private static final UniverseRepository BUILTIN = UniverseRepository.load("Universe", Sources.BUILTIN_URI,
            new ClasspathSource(Sources.BUILTIN_ROOT));

    @Test
    void load_builtin_listsKubernetesAndDebianServices() {
        assertThat(BUILTIN.index().packages()).extracting(IndexEntry::name)
                .contains("kubernetes", "nginx", "redis", "zookeeper", "memcached");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "nginx", "redis", "zookeeper", "memcached"})
    void render_everyBuiltinPackageWithDefaults_givesValidMarathonApp(String name) {
        PackageDefinition definition = BUILTIN.definition(name, null).orElseThrow();
        IndexEntry entry = BUILTIN.index().find(name).orElseThrow();
        assertThat(definition.version()).isEqualTo(entry.currentVersion());
        assertThat(definition.framework()).isEqualTo(entry.framework());
        assertThat(SchemaDefaults.extract(definition.config())).as("every option has a default").isNotEmpty();

        ObjectNode app = new PackageRenderer(CLUSTER).render(definition, null, Sources.BUILTIN_URI, null);

        String id = app.get("id").asText();
        assertThat(id.replaceFirst("^/", "").split("/")).allMatch(s -> ID_SEGMENT.matcher(s).matches());
        assertThat(app.get("cmd").isTextual()).isTrue();
        assertThat(app.has("args")).as("cmd and args are exclusive").isFalse();
        assertThat(app.get("cpus").isNumber()).isTrue();
        assertThat(app.get("cpus").asDouble()).isPositive();
        assertThat(app.get("mem").asDouble()).isPositive();
        assertThat(app.path("instances").asInt(1)).isGreaterThanOrEqualTo(1);
        assertThat(app.get("portDefinitions")).hasSize(1);
        JsonNode health = app.get("healthChecks").get(0);
        assertThat(health.get("protocol").asText()).isIn("HTTP", "TCP", "COMMAND");
        assertThat(health.get("portIndex").asInt()).isZero();
        JsonNode labels = app.get("labels");
        assertThat(labels.get("DCOS_PACKAGE_NAME").asText()).isEqualTo(name);
        assertThat(labels.get("DCOS_PACKAGE_VERSION").asText()).isEqualTo(definition.version());
        assertThat("/" + labels.get("DCOS_SERVICE_NAME").asText()).isEqualTo(id);
        assertThat(labels.get("DCOS_SERVICE_PORT_INDEX").asText()).isEqualTo("0");
        for (String label : List.of("DCOS_PACKAGE_METADATA", "DCOS_PACKAGE_DEFINITION", "DCOS_PACKAGE_OPTIONS",
                "DCOS_PACKAGE_SOURCE", "DCOS_PACKAGE_IS_FRAMEWORK")) {
            assertThat(labels.get(label)).as(label).isNotNull();
        }
        labels.properties().forEach(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
        assertThat(app.get("cmd").asText()).contains("$PORT0").doesNotContain("{{");
    }

    @Test
    void render_kubernetes_runsStrataJarFetchedFromTheRouter() {
        PackageDefinition definition = BUILTIN.definition("kubernetes", null).orElseThrow();
        ObjectNode app = new PackageRenderer(CLUSTER).render(definition, null, Sources.BUILTIN_URI, null);
        assertThat(app.get("id").asText()).isEqualTo("/kubernetes");
        assertThat(app.get("cmd").asText()).contains("exec /opt/jdk-21/bin/java -Xmx512m -jar strata.jar kubernetes --zk zk://127.0.0.1:2181/strata"
                + " --master zk://127.0.0.1:2181/strata --port $PORT0");
        assertThat(app.at("/fetch/0/uri").asText()).isEqualTo("http://127.0.0.1:7070/artifacts/strata.jar");
        assertThat(app.at("/labels/DCOS_PACKAGE_IS_FRAMEWORK").asText()).isEqualTo("true");
        assertThat(app.at("/labels/DCOS_PACKAGE_FRAMEWORK_NAME").asText()).isEqualTo("kubernetes");
        assertThat(app.at("/labels/DCOS_SERVICE_NAME").asText()).isEqualTo("kubernetes");
        assertThat(app.at("/healthChecks/0/protocol").asText()).isEqualTo("HTTP");
    }

    @Test
    void render_nginxWithOptions_usesThem() throws Exception {
        PackageDefinition definition = BUILTIN.definition("nginx", null).orElseThrow();
        JsonNode options = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"service\":{\"name\":\"web\"},\"nginx\":{\"instances\":2,\"welcome\":\"say \\\"hi\\\"\"}}");
        ObjectNode app = new PackageRenderer(CLUSTER).render(definition, options, Sources.BUILTIN_URI, null);
        assertThat(app.get("id").asText()).isEqualTo("/web");
        assertThat(app.get("instances").asInt()).isEqualTo(2);
        assertThat(app.at("/env/NGINX_WELCOME").asText()).isEqualTo("say \"hi\"");
        assertThat(app.get("cmd").asText()).contains("nginx -p").contains("-g 'daemon off;'");
    }
}
