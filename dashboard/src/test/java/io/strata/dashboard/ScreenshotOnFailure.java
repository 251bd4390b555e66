package io.strata.dashboard;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves the browser's window as {@code target/screenshots/FAILED-<test>.png} when a browser test fails. */
final class ScreenshotOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (Browser.available()) {
            try {
                SharedCluster.browser().screenshot("FAILED-" + context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                // the failure itself is what matters
            }
        }
    }
}
