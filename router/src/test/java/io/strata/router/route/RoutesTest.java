package io.strata.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {

    @ParameterizedTest
    @CsvSource({
            "/mesos/master/state, mesos, /mesos, MASTER, /master/state",
            "/mesos/, mesos, /mesos, MASTER, /",
            "/marathon/v2/apps, marathon, /marathon, SERVICES, /v2/apps",
            "/chronos/scheduler/jobs, chronos, /chronos, JOBS, /scheduler/jobs",
            "/mesos_dns/v1/version, mesos_dns, /mesos_dns, DNS, /v1/version",
            "/service/kubernetes/api/v1/pods, kubernetes, /service/kubernetes, SERVICE, /api/v1/pods",
            "/service/web/, web, /service/web, SERVICE, /",
            "/agent/m-S0/files/read, m-S0, /agent/m-S0, AGENT, /files/read",
            "/slave/m-S0/state, m-S0, /slave/m-S0, AGENT, /state",
    })
    void match_proxiedPath_stripsThePrefix(String path, String service, String prefix, Route.Upstream upstream,
                                           String rest) {
        Route route = Routes.match(path);

        assertThat(route).isEqualTo(new Route.Proxy(service, prefix, upstream));
        assertThat(((Route.Proxy) route).strip(path)).isEqualTo(rest);
    }

    @ParameterizedTest
    @CsvSource({
            "/package/list, package, /package, PACKAGES",
            "/capabilities, package, /capabilities, PACKAGES",
            "/dashboard/api/events, dashboard, /dashboard, DASHBOARD",
            "/webjars/chart.js/4.4.1/dist/chart.umd.js, dashboard, /webjars, DASHBOARD",
    })
    void match_upstreamServingItsOwnPrefix_keepsThePath(String path, String service, String prefix,
                                                        Route.Upstream upstream) {
        Route route = Routes.match(path);

        assertThat(route).isEqualTo(new Route.Proxy(service, prefix, upstream));
        assertThat(((Route.Proxy) route).strip(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource({"/mesos, /mesos/", "/marathon, /marathon/", "/service/web, /service/web/"})
    void match_prefixWithoutSlash_redirectsToTheSlashForm(String path, String location) {
        assertThat(Routes.match(path)).isEqualTo(new Route.Redirect(location));
    }

    @ParameterizedTest
    @CsvSource({"/", "/index.html", "/js/app.js", "/mesosphere", "/services"})
    void match_otherPaths_areTheDashboard(String path) {
        assertThat(Routes.match(path)).isEqualTo(new Route.Dashboard());
    }

    @ParameterizedTest
    @CsvSource({"/service", "/service/", "/agent/", "/slave"})
    void match_serviceWithoutName_isNotFound(String path) {
        assertThat(Routes.match(path)).isInstanceOf(Route.NotFound.class);
    }

    @ParameterizedTest
    @CsvSource({"/system/health", "/system/health/"})
    void match_systemHealth_isHealth(String path) {
        assertThat(Routes.match(path)).isEqualTo(new Route.Health());
    }
}
