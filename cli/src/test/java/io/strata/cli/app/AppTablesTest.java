package io.strata.cli.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.output.Table;
import org.junit.jupiter.api.Test;

class AppTablesTest {
    private static JsonNode json(String text) throws Exception {
        return Json.mesos().readTree(text.replace('\'', '"'));
    }

    @Test
    void apps_healthCheckedAppWithDeployment_showsHealthyCountAndDeploying() throws Exception {
        Table table = AppTables.apps(json("[{'id':'/web','instances':3,'tasksRunning':2,'tasksHealthy':1,"
                + "'cpus':0.5,'mem':64,'cmd':'python3 -m http.server $PORT0','healthChecks':[{'protocol':'HTTP'}],"
                + "'deployments':[{'id':'d1'}]}]"));

        assertThat(table.rows()).containsExactly(java.util.List.of("/web", "3", "2", "1", "0.5", "64", "yes",
                "python3 -m http.server $PORT0"));
    }

    @Test
    void apps_imageAppWithoutHealthChecks_showsDashAndImage() throws Exception {
        Table table = AppTables.apps(json("[{'id':'/db','instances':1,'cpus':1,'mem':128,"
                + "'container':{'docker':{'image':'redis'}},'deployments':[]}]"));

        assertThat(table.rows().get(0)).containsExactly("/db", "1", "0", "-", "1", "128", "no", "image redis");
    }

    @Test
    void queue_summaryWithReasons_picksTheReasonThatDeclinedMostOffers() throws Exception {
        JsonNode queue = json("{'queue':[{'app':{'id':'/big'},'count':2,'delay':{'overdue':true},"
                + "'processedOffersSummary':{'rejectSummaryLastOffers':[{'reason':'InsufficientCpus','declined':1},"
                + "{'reason':'InsufficientMemory','declined':3},{'reason':'UnfulfilledConstraint','declined':0}]}}]}");

        assertThat(AppTables.queue(queue).rows()).containsExactly(
                java.util.List.of("/big", "2", "no", "InsufficientMemory (3)"));
    }

    @Test
    void deployments_currentActionWaiting_showsStepAndWhatItWaitsFor() throws Exception {
        JsonNode deployments = json("[{'id':'d1','affectedApps':['/web'],'currentStep':1,'totalSteps':2,"
                + "'currentActions':[{'action':'RestartApplication','app':'/web','waitingFor':'1 of 3 new tasks healthy'}]}]");

        assertThat(AppTables.deployments(deployments).rows()).containsExactly(java.util.List.of("d1", "/web", "1/2",
                "RestartApplication /web (waiting for 1 of 3 new tasks healthy)"));
    }
}
