package io.strata.services.http;

import io.strata.services.engine.ServicesState;
import io.strata.services.model.AppDefinition;
import io.strata.services.wire.AppWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/queue}: per waiting app, {@code count}, {@code delay{timeLeftSeconds, overdue}}, {@code since} and
 * Marathon 1.4's {@code processedOffersSummary} whose {@code rejectSummaryLastOffers} lists the placement
 * pipeline's rejection reasons ({@code "Insufficient cpus"}, {@code "didn't match constraint hostname:UNIQUE"}).
 */
final class QueueJson {
    private QueueJson() {
    }

    static Map<String, Object> queue(ServicesState state) {
        List<Map<String, Object>> queue = new ArrayList<>();
        Instant now = Instant.now();
        state.queue().forEach((id, status) -> {
            AppDefinition app = state.app(id);
            if (app == null) {
                return;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("app", AppWriter.definition(app));
            entry.put("count", status.count());
            Map<String, Object> delay = new LinkedHashMap<>();
            long left = status.delayedUntil() == null ? 0 : Math.max(0, Duration.between(now, status.delayedUntil()).toSeconds());
            delay.put("timeLeftSeconds", left);
            delay.put("overdue", status.delayedUntil() == null || !status.delayedUntil().isAfter(now));
            entry.put("delay", delay);
            entry.put("since", AppWriter.time(status.since()));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("processedOffersCount", status.processedOffers());
            summary.put("unusedOffersCount", status.unusedOffers());
            summary.put("lastUnusedOfferAt", AppWriter.time(status.lastUnusedOfferAt()));
            summary.put("lastUsedOfferAt", AppWriter.time(status.lastUsedOfferAt()));
            List<Map<String, Object>> reasons = new ArrayList<>();
            status.reasons().forEach((reason, declined) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("reason", reason);
                r.put("declined", declined);
                r.put("processed", status.processedOffers());
                reasons.add(r);
            });
            summary.put("rejectSummaryLastOffers", reasons);
            summary.put("rejectSummaryLaunchAttempt", reasons);
            entry.put("processedOffersSummary", summary);
            entry.put("lastUnusedOffers", List.of());
            queue.add(entry);
        });
        return Map.of("queue", queue);
    }
}
