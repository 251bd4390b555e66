package io.strata.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mesos().readTree(text.replace('\'', '"'));
    }

    @Test
    void build_framework_isKnownByNameAndIdWithoutTrailingSlash() throws Exception {
        JsonNode state = json("{'frameworks':[{'id':'m-0000','name':'kubernetes','active':true,"
                + "'webui_url':'http://127.0.0.2:25500/'}]}");

        Map<String, URI> table = ServiceCatalog.build(state, null);

        assertThat(table).containsEntry("kubernetes", URI.create("http://127.0.0.2:25500"))
                .containsEntry("m-0000", URI.create("http://127.0.0.2:25500"));
    }

    @Test
    void build_frameworkWithoutWebUiOrInactive_isLeftOut() throws Exception {
        JsonNode state = json("{'frameworks':[{'id':'a','name':'a','active':true,'webui_url':''},"
                + "{'id':'b','name':'b','active':false,'webui_url':'http://h:1'}]}");

        assertThat(ServiceCatalog.build(state, null)).isEmpty();
    }

    @Test
    void build_labelledApp_usesTheTaskHostAndTheIndexedPort() throws Exception {
        JsonNode apps = json("{'apps':[{'id':'/web','labels':{'DCOS_SERVICE_NAME':'web','DCOS_SERVICE_PORT_INDEX':'1'},"
                + "'tasks':[{'host':'127.0.0.5','ports':[31000,31001]}]}]}");

        assertThat(ServiceCatalog.build(null, apps)).containsExactly(Map.entry("web", URI.create("http://127.0.0.5:31001")));
    }

    @Test
    void build_appAndFrameworkOfTheSameName_preferTheApp() throws Exception {
        JsonNode state = json("{'frameworks':[{'id':'f','name':'web','active':true,'webui_url':'http://fw:1'}]}");
        JsonNode apps = json("{'apps':[{'labels':{'DCOS_SERVICE_NAME':'web'},'tasks':[{'host':'app','ports':[2]}]}]}");

        assertThat(ServiceCatalog.build(state, apps)).containsEntry("web", URI.create("http://app:2"));
    }

    @Test
    void build_appWithoutTasksOrWithTooFewPorts_isLeftOut() throws Exception {
        JsonNode apps = json("{'apps':[{'labels':{'DCOS_SERVICE_NAME':'a'},'tasks':[]},"
                + "{'labels':{'DCOS_SERVICE_NAME':'b','DCOS_SERVICE_PORT_INDEX':'2'},'tasks':[{'host':'h','ports':[1]}]},"
                + "{'labels':{'DCOS_SERVICE_NAME':'c','DCOS_SERVICE_PORT_INDEX':'x'},'tasks':[{'host':'h','ports':[1]}]}]}");

        assertThat(ServiceCatalog.build(null, apps)).isEmpty();
    }

    @Test
    void agents_pidOrHostname_giveTheAgentsBaseUrl() throws Exception {
        JsonNode state = json("{'slaves':[{'id':'m-S0','pid':'slave(1)@127.0.1.1:5051','hostname':'a'},"
                + "{'id':'m-S1','hostname':'127.0.1.2','port':5052}]}");

        assertThat(ServiceCatalog.agents(state)).containsOnly(
                Map.entry("m-S0", URI.create("http://127.0.1.1:5051")),
                Map.entry("m-S1", URI.create("http://127.0.1.2:5052")));
    }
}
