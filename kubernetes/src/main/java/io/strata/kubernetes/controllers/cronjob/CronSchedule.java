package io.strata.kubernetes.controllers.cronjob;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/** A parsed CronJob schedule in a time zone: the scheduled times around an instant. */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private final ExecutionTime times;
    private final ZoneId zone;

    private CronSchedule(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /**
     * Parses {@code schedule} (five fields or a macro) in {@code timeZone} ({@code null} or empty = UTC).
     *
     * @throws IllegalArgumentException naming the schedule when it does not parse
     */
    public static CronSchedule parse(String schedule, String timeZone) {
        String text = schedule == null ? "" : schedule.trim();
        String zoneText = timeZone == null || timeZone.isEmpty() ? "UTC" : timeZone;
        if (text.startsWith("CRON_TZ=") || text.startsWith("TZ=")) {
            int space = text.indexOf(' ');
            zoneText = text.substring(text.indexOf('=') + 1, space);
            text = text.substring(space + 1).trim();
        }
        text = MACROS.getOrDefault(text, text);
        try {
            return new CronSchedule(ExecutionTime.forCron(PARSER.parse(text)), ZoneId.of(zoneText));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unparseable schedule \"" + schedule + "\": " + e.getMessage(), e);
        }
    }

    /** The latest scheduled time at or before {@code now}. */
    public Optional<Instant> lastAtOrBefore(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        if (times.isMatch(t.withNano(0)) && t.getSecond() == 0) {
            return Optional.of(t.withNano(0).toInstant());
        }
        return times.lastExecution(t).map(ZonedDateTime::toInstant);
    }

    /** The first scheduled time after {@code now}. */
    public Optional<Instant> nextAfter(Instant now) {
        return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
