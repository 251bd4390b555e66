package io.strata.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Debian's chromedriver, with a fresh profile per instance. Tests skip (with
 * {@link #MISSING}) when the programs are absent; {@code bin/test} installs them ({@code chromium},
 * {@code chromium-driver}).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING = "browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium and "
            + "/usr/bin/chromedriver): apt-get install -y chromium chromium-driver";
    /** Where screenshots are kept as test artifacts (relative to the module, where Maven runs tests). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final ChromeDriverService service;

    /** Whether both programs are installed. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts Chromium with a profile under {@code profileDir}. */
    Browser(Path profileDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=1400,1000");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Waits up to 60 s (a loaded 2-core machine) for a condition. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /**
     * The visible text of the first element matching {@code by}, or "" when there is none. Pages re-render on
     * live events, so an element found a moment ago may be gone: that also reads as "" and waits try again.
     */
    String text(By by) {
        try {
            List<WebElement> found = driver.findElements(by);
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    /** Saves a PNG of the window as target/screenshots/{name}.png and returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a page of the dashboard at {@code base} ({@code #/hash}); reloads when the browser already shows that
     * address, since assigning the same URL with the same hash does not load the page again.
     */
    void open(java.net.URI base, String hash) {
        String target = base + "/#/" + hash;
        if (target.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh();
        } else {
            driver.get(target);
        }
    }

    /** Clicks the element matching {@code by}, finding it again if a re-render replaced it meanwhile. */
    void click(By by) {
        await(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Runs a script in the page and returns its result. */
    Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
