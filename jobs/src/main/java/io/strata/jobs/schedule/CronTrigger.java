package io.strata.jobs.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Unix cron expression ({@code minute hour day-of-month month day-of-week}) evaluated in a time zone; a
 * Strata extension to Chronos' job format ({@code "cron": "*}{@code /5 * * * *"}).
 *
 * @param expression the cron text as given
 * @param zone the zone the fields are read in
 */
public record CronTrigger(String expression, ZoneId zone) implements Trigger {
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Parsed expressions; ExecutionTime is immutable and thread-safe, and jobs share few distinct texts. */
    private static final Map<String, ExecutionTime> EXECUTIONS = new ConcurrentHashMap<>();

    /** Validates the expression. */
    public CronTrigger {
        Objects.requireNonNull(zone, "zone");
        parse(expression);
    }

    /**
     * Parses a Unix cron expression.
     *
     * @throws IllegalArgumentException with the parser's reason
     */
    public static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty");
        }
        try {
            return PARSER.parse(expression.strip()).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression: " + e.getMessage(), e);
        }
    }

    private ExecutionTime executions() {
        return EXECUTIONS.computeIfAbsent(expression, e -> ExecutionTime.forCron(parse(e)));
    }

    @Override
    public Optional<Instant> lastAtOrBefore(Instant t) {
        ExecutionTime executions = executions();
        ZonedDateTime at = t.atZone(zone);
        if (executions.isMatch(at.withNano(0)) && at.getSecond() == 0) {
            return Optional.of(at.withNano(0).toInstant());
        }
        return executions.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    @Override
    public Optional<Instant> firstAfter(Instant t) {
        return executions().nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public long countBetween(Instant after, Instant before, long cap) {
        ExecutionTime executions = executions();
        long n = 0;
        Optional<ZonedDateTime> next = executions.nextExecution(after.atZone(zone));
        while (n < cap && next.isPresent() && next.get().toInstant().isBefore(before)) {
            n++;
            next = executions.nextExecution(next.get());
        }
        return n;
    }
}
