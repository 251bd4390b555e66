package io.strata.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.api.mesos.TaskState;
import io.strata.client.MasterClient;
import io.strata.testing.framework.TestFramework;
import java.nio.file.Files;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Every page of the dashboard in a real headless Chromium against a real master and agent running a real task:
 * the pages show real data and follow the live feed without reloading. Screenshots of each page are kept in
 * target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({SharedCluster.class, ScreenshotOnFailure.class})
class DashboardBrowserTest {
    private static final String FRAMEWORK = "dashboard-browser-test";
    private static final String TASK = "live-task";
    private static final String TICKING = "echo hello from the dashboard; i=0; while true; do echo tick $i; "
            + "i=$((i+1)); sleep 1; done";
    private static TestCluster cluster;
    private static MasterClient master;
    private static TestFramework framework;
    private static Browser browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available(), Browser.MISSING);
        cluster = SharedCluster.cluster();
        master = MasterClient.of(URI.create(cluster.master.url()));
        framework = TestFramework.subscribe(cluster.master.url(), FRAMEWORK);
        browser = SharedCluster.browser();
    }

    @AfterAll
    static void stop() {
        if (framework != null) {
            framework.close();
        }
    }

    /** Running tasks the master knows of (other test classes have left none, but do not rely on it). */
    private static long running() {
        return master.frameworks().stream().flatMap(f -> java.util.stream.StreamSupport.stream(
                f.path("tasks").spliterator(), false)).filter(t -> t.path("state").asText().equals("TASK_RUNNING"))
                .count();
    }

    private static void open(String hash) {
        browser.open(cluster.dashboard.url(), hash);
    }

    private static String text(By by) {
        return browser.text(by);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    @Test
    @Order(1)
    void dashboard_taskStarts_countsAndChartsUpdateWithoutReload() {
        open("dashboard");
        browser.await(d -> text(testId("nodes")).equals("1"));
        browser.await(d -> text(testId("frameworks")).equals(String.valueOf(master.frameworks().size())));
        long before = running();
        browser.await(d -> text(testId("tasks-running")).equals(String.valueOf(before)));
        browser.script("window.dashboardMarker = 'not reloaded'");

        framework.launch(TASK, TICKING);
        framework.awaitState(TASK, TaskState.TASK_RUNNING);

        browser.await(d -> text(testId("tasks-running")).equals(String.valueOf(before + 1)));
        browser.await(d -> text(testId("count-TASK_RUNNING")).equals(String.valueOf(before + 1)));
        assertThat(browser.script("return window.dashboardMarker")).isEqualTo("not reloaded");
        // the charts fill from the server-side history and then from live samples
        browser.await(d -> ((Number) browser.script(
                "return Chart.getChart('cpu-chart').data.datasets[0].data.length")).intValue() >= 3);
        // with only our task running, 0.1 of 2 CPUs and 32 of 2048 MB are allocated
        if (before == 0) {
            browser.await(d -> text(testId("cpu")).equals("5%"));
            browser.await(d -> text(testId("mem")).equals("2%"));
            assertThat(text(By.id("cpu-sub"))).isEqualTo("0.1 of 2 CPUs");
        }
        assertThat(text(testId("failure"))).endsWith("%");
        browser.await(d -> text(testId("health-" + FRAMEWORK)).equals("NA"));
        browser.screenshot("dashboard");
    }

    @Test
    @Order(2)
    void nodes_listAndGrid_showAllocationAttributesAndRoles() {
        open("nodes");
        By row = By.cssSelector("#nodes-list tr[data-node='127.0.0.1']");
        browser.await(d -> !d.findElements(row).isEmpty());
        String rowText = text(row);
        assertThat(rowText).contains("rack: r1", "zone: z1", "*");
        browser.await(d -> Integer.parseInt(d.findElement(testId("cpus-127.0.0.1")).getAttribute("data-percent")) >= 5);
        new Select(browser.driver.findElement(By.id("node-filter"))).selectByVisibleText(FRAMEWORK);
        assertThat(browser.driver.findElements(row)).hasSize(1);
        browser.screenshot("nodes");

        browser.click(By.id("view-grid"));
        By card = By.cssSelector("#nodes-grid .node[data-node='127.0.0.1']");
        browser.await(d -> !d.findElements(card).isEmpty());
        assertThat(text(card)).contains("CPU", "Memory", "Disk", "role *", "rack: r1");
        browser.screenshot("nodes-grid");
    }

    @Test
    @Order(3)
    void tasks_listAndLiveLog_showTheRunningTaskAndItsGrowingOutput() {
        open("tasks");
        browser.await(d -> text(testId("state-" + TASK)).equals("TASK_RUNNING"));
        assertThat(text(By.cssSelector("tr[data-task='" + TASK + "']"))).contains(FRAMEWORK, "127.0.0.1");
        browser.screenshot("tasks");

        browser.click(By.cssSelector("tr[data-task='" + TASK + "']"));
        browser.await(d -> d.getCurrentUrl().endsWith("#/tasks/" + TASK));
        browser.await(d -> text(testId("task-log")).contains("hello from the dashboard"));
        String first = text(testId("task-log"));
        // the view follows the file: later ticks arrive without any reload
        browser.await(d -> text(testId("task-log")).length() > first.length() + 12);
        assertThat(text(testId("task-state"))).isEqualTo("TASK_RUNNING");
        browser.screenshot("task-log");
    }

    @Test
    @Order(4)
    void services_listsTheFrameworkAndSaysWhenTheServicesApiIsAbsent() {
        open("services");
        By row = By.cssSelector("#frameworks tr[data-framework='" + FRAMEWORK + "']");
        browser.await(d -> !d.findElements(row).isEmpty());
        browser.await(d -> text(testId("framework-tasks-" + FRAMEWORK)).equals("1"));
        assertThat(text(row)).contains("active", "NA");
        browser.await(d -> text(By.id("apps-notice")).contains("services API (/marathon) is not available"));
        browser.screenshot("services");
    }

    @Test
    @Order(5)
    void packages_saysWhenThePackageServiceIsAbsent() {
        open("packages");
        browser.await(d -> text(By.id("packages-message")).contains("package service (/package) is not available"));
        browser.screenshot("packages");
        assertThat(Files.exists(Browser.SCREENSHOTS.resolve("packages.png"))).isTrue();
    }
}
