package io.strata.cli.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstallProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKED = "\"healthChecks\":[{\"protocol\":\"HTTP\"}]";

    private static JsonNode app(int instances, int running, int healthy, boolean checks, boolean deploying)
            throws Exception {
        return JSON.readTree("{\"id\":\"/web\",\"instances\":" + instances + ",\"tasksRunning\":" + running
                + ",\"tasksHealthy\":" + healthy + (checks ? "," + CHECKED : "") + ",\"deployments\":"
                + (deploying ? "[{\"id\":\"d1\"}]" : "[]") + "}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing yet           | 2 | 0 | 0 | true  | true  | false | [--------------------] 0/2 healthy, 0 running, deploying
            running not healthy   | 2 | 2 | 1 | true  | true  | false | [##########----------] 1/2 healthy, 2 running, deploying
            all healthy, deploying| 2 | 2 | 2 | true  | true  | false | [####################] 2/2 healthy, 2 running, deploying
            done                  | 2 | 2 | 2 | true  | false | true  | [####################] 2/2 healthy, 2 running
            no checks: running    | 1 | 1 | 0 | false | false | true  | [####################] 1/1 running
            no checks: waiting    | 3 | 1 | 0 | false | true  | false | [######--------------] 1/3 running, deploying
            zero instances        | 0 | 0 | 0 | true  | false | true  | [####################] 0/0 healthy, 0 running
            """)
    void of_appState_lineAndDone(String name, int instances, int running, int healthy, boolean checks,
                                 boolean deploying, boolean done, String line) throws Exception {
        InstallProgress progress = InstallProgress.of(app(instances, running, healthy, checks, deploying),
                JSON.readTree("{\"queue\":[]}"));
        assertThat(progress.line()).isEqualTo(line);
        assertThat(progress.done()).isEqualTo(done);
        assertThat(progress.waiting()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            most declined reason | {"queue":[{"app":{"id":"/web"},"count":1,"processedOffersSummary":{"rejectSummaryLastOffers":[{"reason":"UnfulfilledConstraint","declined":1},{"reason":"InsufficientMemory","declined":3}]}}]} | InsufficientMemory (3 offers)
            one offer            | {"queue":[{"app":{"id":"/web"},"processedOffersSummary":{"rejectSummaryLastOffers":[{"reason":"InsufficientCpus","declined":1}]}}]} | InsufficientCpus (1 offer)
            queued, no summary   | {"queue":[{"app":{"id":"/web"},"count":1,"delay":{"overdue":true}}]}                                                    | no offers fit yet
            delayed              | {"queue":[{"app":{"id":"/web"},"count":1,"delay":{"overdue":false}}]}                                                   | delayed after failures
            other app only       | {"queue":[{"app":{"id":"/other"},"processedOffersSummary":{"rejectSummaryLastOffers":[{"reason":"X","declined":9}]}}]} | -
            """)
    void reason_queue_explainsWhyTheAppWaits(String name, String queue, String expected) throws Exception {
        String reason = InstallProgress.reason(JSON.readTree(queue), "/web");
        assertThat(reason == null ? "-" : reason).isEqualTo(expected);
    }
}
