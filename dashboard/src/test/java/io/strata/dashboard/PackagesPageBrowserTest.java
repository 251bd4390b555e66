package io.strata.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.packages.PackageService;
import io.strata.packages.PackagesConfig;
import io.strata.services.ServicesFramework;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The Packages page in a real headless Chromium against the real package service (Cosmos API, its built-in
 * repository) installing into the real services framework: browse, describe, install with edited options,
 * see the app on the Services page, uninstall.
 */
@ExtendWith({SharedCluster.class, ScreenshotOnFailure.class})
class PackagesPageBrowserTest {
    private static PackageService packages;
    private static DashboardServer dashboard;
    private static Browser browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available(), Browser.MISSING);
        TestCluster cluster = SharedCluster.cluster();
        ServicesFramework services = SharedCluster.services();
        packages = PackageService.start(PackagesConfig.defaults(cluster.zk.getConnectString() + "/strata")
                .withServices(services.url()).withPort(0));
        dashboard = DashboardServer.start(DashboardConfig.defaults(cluster.master.url()).withListen("127.0.0.1", 0)
                .withMesosUpstream(URI.create(cluster.master.url()))
                .withServicesUpstream(URI.create(services.url()))
                .withPackagesUpstream(URI.create(packages.url() + "/package")));
        browser = SharedCluster.browser();
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (packages != null) {
            packages.close();
        }
    }

    private static void open(String hash) {
        browser.open(dashboard.url(), hash);
    }

    private static String text(By by) {
        return browser.text(by);
    }

    @Test
    void packages_browseDescribeInstallUninstall_throughTheCosmosApi() {
        open("packages");
        browser.await(d -> !d.findElements(By.cssSelector(".package[data-package='memcached']")).isEmpty());
        assertThat(text(By.id("package-results"))).contains("nginx", "redis", "kubernetes");
        browser.screenshot("packages-browse");

        browser.click(By.cssSelector("[data-testid='describe-memcached']"));
        browser.await(d -> !d.findElements(By.id("package-options")).isEmpty());
        assertThat(browser.script("return document.getElementById('package-options').value")).asString()
                .contains("\"cache-mb\": 64");
        // zero instances: installing creates the app without starting memcached, so it is Idle
        browser.script("const f = document.getElementById('package-options');"
                + "const o = JSON.parse(f.value); o.memcached.instances = 0; f.value = JSON.stringify(o, null, 2);");
        browser.click(By.id("package-install"));
        browser.await(d -> text(By.id("install-message")).contains("installed memcached as /memcached"));
        browser.await(d -> !d.findElements(By.cssSelector("tr[data-installed='memcached']")).isEmpty());
        browser.screenshot("packages-install");

        open("services");
        browser.await(d -> text(By.cssSelector("tr[data-app='/memcached']")).contains("Idle"));

        open("packages");
        browser.await(d -> !d.findElements(By.cssSelector("[data-testid='uninstall-memcached']")).isEmpty());
        browser.script("window.confirm = () => true");
        browser.click(By.cssSelector("[data-testid='uninstall-memcached']"));
        browser.await(d -> text(By.id("packages-message")).contains("uninstalled memcached"));
        browser.await(d -> d.findElements(By.cssSelector("tr[data-installed='memcached']")).isEmpty());
    }

    @Test
    void packages_optionsFailingTheSchema_sayWhichOptionAndInstallNothing() {
        open("packages");
        browser.click(By.cssSelector("[data-testid='describe-memcached']"));
        browser.await(d -> !d.findElements(By.id("package-options")).isEmpty());
        browser.script("document.getElementById('package-options').value = '{\"memcached\": {\"mem\": 1}}'");
        browser.click(By.id("package-install"));
        browser.await(d -> text(By.id("install-message")).startsWith("install failed: 400"));
        assertThat(text(By.id("install-message"))).contains("mem");
        browser.await(d -> d.findElements(By.cssSelector("tr[data-installed='memcached']")).isEmpty());
    }
}
