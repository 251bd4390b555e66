package io.strata.jobs.http;

import io.strata.jobs.engine.JobEngine;
import io.strata.jobs.engine.JobMetrics;
import java.util.Optional;

/** What the HTTP layer needs to know about leadership; implemented by the framework. Thread-safe. */
public interface LeaderView {
    /** The engine, when this instance leads and has loaded its jobs. */
    Optional<JobEngine> engine();

    /** The base URL of the leading instance, when one is known (possibly this one). */
    Optional<String> leaderUrl();

    /** This instance's base URL. */
    String selfUrl();

    /** This instance's metrics. */
    JobMetrics metrics();
}
