package io.strata.jobs.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.jobs.schedule.CronTrigger;
import io.strata.jobs.schedule.IsoPeriod;
import io.strata.jobs.schedule.IsoTrigger;
import io.strata.jobs.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a job from Chronos' JSON and validates it; every problem is an {@link InvalidJobException} naming the
 * field. Unknown fields are ignored, as Chronos ignores them (e.g. the stats fields of a job read back from
 * {@code GET /jobs}).
 */
public final class JobReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("EQUALS", "LIKE", "UNLIKE");
    private static final double MIN_CPUS = 0.001;

    /** Which endpoint the job came through: the scheduled or the dependent one. */
    public enum Kind { SCHEDULED, DEPENDENT, STORED }

    private JobReader() {
    }

    /**
     * Parses and validates a job.
     *
     * @param body the JSON bytes
     * @param kind the endpoint's kind: SCHEDULED needs {@code schedule} or {@code cron}, DEPENDENT needs
     *     {@code parents}; STORED (read back from the store) accepts either
     * @param now the start of a schedule whose start is empty
     * @throws InvalidJobException naming the field
     */
    public static JobSpec read(byte[] body, Kind kind, Instant now) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidJobException("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidJobException("body", "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidJobException("body", "expected a JSON object describing a job");
        }
        return read(root, kind, now);
    }

    /** Validates an already parsed job object; see {@link #read(byte[], Kind, Instant)}. */
    public static JobSpec read(JsonNode job, Kind kind, Instant now) {
        String name = requiredText(job, "name");
        if (!JobSpec.NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidJobException("name", "'" + name + "' may contain only letters, digits, spaces and . # _ -");
        }
        String command = text(job, "command", null);
        if (command == null || command.isBlank()) {
            throw new InvalidJobException("command", "is required and must not be empty");
        }
        List<String> parents = strings(job, "parents");
        String schedule = blankToNull(text(job, "schedule", null));
        String cron = blankToNull(text(job, "cron", null));
        String zone = text(job, "scheduleTimeZone", "");
        checkKind(kind, schedule, cron, parents);
        if (schedule != null) {
            schedule = normalizedSchedule(schedule, zone, now);
        }
        if (cron != null) {
            checkCron(cron, zone);
        }
        return new JobSpec(name, command, bool(job, "shell", true), strings(job, "arguments"), container(job),
                schedule, zone, cron, epsilon(job), parents, nonNegativeInt(job, "retries", 2),
                bool(job, "async", false), bool(job, "disabled", false), bool(job, "softError", false),
                bool(job, "concurrent", false), positive(job, "cpus", 0.1), positive(job, "mem", 128),
                nonNegative(job, "disk", 256), text(job, "owner", ""), text(job, "ownerName", ""),
                text(job, "description", ""), text(job, "runAsUser", ""), environment(job), strings(job, "uris"),
                constraints(job));
    }

    private static void checkKind(Kind kind, String schedule, String cron, List<String> parents) {
        if (schedule != null && cron != null) {
            throw new InvalidJobException("cron", "give either schedule or cron, not both");
        }
        boolean timed = schedule != null || cron != null;
        switch (kind) {
            case SCHEDULED -> {
                if (!timed) {
                    throw new InvalidJobException("schedule", "is required for a scheduled job (or give cron)");
                }
                if (!parents.isEmpty()) {
                    throw new InvalidJobException("parents", "a scheduled job has no parents (POST it to /dependency)");
                }
            }
            case DEPENDENT -> {
                if (parents.isEmpty()) {
                    throw new InvalidJobException("parents", "a dependent job needs at least one parent");
                }
                if (timed) {
                    throw new InvalidJobException(schedule != null ? "schedule" : "cron",
                            "a dependent job has no schedule (POST it to /iso8601)");
                }
            }
            case STORED -> {
                if (timed == !parents.isEmpty()) {
                    throw new InvalidJobException("schedule", "a job has either a schedule or parents");
                }
            }
        }
    }

    /** The schedule with an empty start replaced by {@code now}, so the job keeps the slots it was created with. */
    private static String normalizedSchedule(String schedule, String zone, Instant now) {
        try {
            Schedules.zone(zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("scheduleTimeZone", e.getMessage());
        }
        IsoTrigger trigger;
        try {
            trigger = Schedules.parse(schedule, zone, now);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("schedule", e.getMessage());
        }
        String[] parts = schedule.strip().split("/", -1);
        return parts[1].isEmpty() ? parts[0] + "/" + trigger.start().toOffsetDateTime() + "/" + parts[2]
                : schedule.strip();
    }

    private static void checkCron(String cron, String zone) {
        try {
            new CronTrigger(cron, Schedules.zone(zone));
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage().contains("time zone") ? "scheduleTimeZone" : "cron",
                    e.getMessage());
        }
    }

    private static Duration epsilon(JsonNode job) {
        String text = text(job, "epsilon", "");
        if (text.isBlank()) {
            return JobSpec.DEFAULT_EPSILON;
        }
        try {
            IsoPeriod period = IsoPeriod.parse(text.strip());
            if (!period.date().isZero()) {
                return Duration.ofSeconds(Math.round(period.approximateSeconds()));
            }
            return period.time();
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("epsilon", e.getMessage());
        }
    }

    private static JobSpec.Container container(JsonNode job) {
        JsonNode c = job.get("container");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isObject()) {
            throw new InvalidJobException("container", "must be an object");
        }
        String image = text(c, "image", "", "container.image");
        if (image.isBlank()) {
            throw new InvalidJobException("container.image", "is required");
        }
        List<JobSpec.Volume> volumes = new ArrayList<>();
        JsonNode vs = c.get("volumes");
        if (vs != null && !vs.isNull()) {
            if (!vs.isArray()) {
                throw new InvalidJobException("container.volumes", "must be an array");
            }
            for (int i = 0; i < vs.size(); i++) {
                JsonNode v = vs.get(i);
                String where = "container.volumes[" + i + "]";
                String containerPath = text(v, "containerPath", "", where + ".containerPath");
                if (containerPath.isBlank()) {
                    throw new InvalidJobException(where + ".containerPath", "is required");
                }
                String mode = text(v, "mode", "RW", where + ".mode");
                if (!mode.equals("RW") && !mode.equals("RO")) {
                    throw new InvalidJobException(where + ".mode", "must be RW or RO, not '" + mode + "'");
                }
                volumes.add(new JobSpec.Volume(text(v, "hostPath", "", where + ".hostPath"), containerPath, mode));
            }
        }
        String type = text(c, "type", "DOCKER", "container.type").toUpperCase(java.util.Locale.ROOT);
        if (!type.equals("DOCKER") && !type.equals("MESOS")) {
            throw new InvalidJobException("container.type", "must be DOCKER or MESOS, not '" + type + "'");
        }
        return new JobSpec.Container(type, image, text(c, "network", "BRIDGE", "container.network"),
                bool(c, "forcePullImage", false), volumes);
    }

    private static List<JobSpec.EnvironmentVariable> environment(JsonNode job) {
        JsonNode env = job.get("environmentVariables");
        List<JobSpec.EnvironmentVariable> out = new ArrayList<>();
        if (env == null || env.isNull()) {
            return out;
        }
        if (!env.isArray()) {
            throw new InvalidJobException("environmentVariables", "must be an array of {name, value}");
        }
        for (int i = 0; i < env.size(); i++) {
            String where = "environmentVariables[" + i + "]";
            JsonNode v = env.get(i);
            if (!v.isObject()) {
                throw new InvalidJobException(where, "must be an object {name, value}");
            }
            String n = text(v, "name", "", where + ".name");
            if (n.isBlank()) {
                throw new InvalidJobException(where + ".name", "is required");
            }
            out.add(new JobSpec.EnvironmentVariable(n, text(v, "value", "", where + ".value")));
        }
        return out;
    }

    private static List<List<String>> constraints(JsonNode job) {
        JsonNode cs = job.get("constraints");
        List<List<String>> out = new ArrayList<>();
        if (cs == null || cs.isNull()) {
            return out;
        }
        if (!cs.isArray()) {
            throw new InvalidJobException("constraints", "must be an array of [attribute, operator, value]");
        }
        for (int i = 0; i < cs.size(); i++) {
            String where = "constraints[" + i + "]";
            JsonNode c = cs.get(i);
            if (!c.isArray() || c.size() != 3 || !c.get(0).isTextual() || !c.get(1).isTextual()
                    || !c.get(2).isTextual()) {
                throw new InvalidJobException(where, "must be [attribute, EQUALS|LIKE|UNLIKE, value]");
            }
            String operator = c.get(1).asText();
            if (!OPERATORS.contains(operator)) {
                throw new InvalidJobException(where, "unknown operator '" + operator + "' (EQUALS, LIKE or UNLIKE)");
            }
            if (!operator.equals("EQUALS")) {
                try {
                    java.util.regex.Pattern.compile(c.get(2).asText());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new InvalidJobException(where, "'" + c.get(2).asText() + "' is not a regular expression");
                }
            }
            out.add(List.of(c.get(0).asText(), operator, c.get(2).asText()));
        }
        return out;
    }

    private static String requiredText(JsonNode node, String field) {
        String value = text(node, field, null);
        if (value == null || value.isBlank()) {
            throw new InvalidJobException(field, "is required and must not be empty");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String fallback) {
        return text(node, field, fallback, field);
    }

    private static String text(JsonNode node, String field, String fallback, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new InvalidJobException(path, "must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidJobException(field, "must be true or false");
        }
        return v.asBoolean();
    }

    private static double number(JsonNode node, String field, double fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new InvalidJobException(field, "must be a number");
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new InvalidJobException(field, "must be a finite number");
        }
        return d;
    }

    private static double positive(JsonNode node, String field, double fallback) {
        double d = number(node, field, fallback);
        if (d < MIN_CPUS) {
            throw new InvalidJobException(field, "must be greater than 0, not " + d);
        }
        return d;
    }

    private static double nonNegative(JsonNode node, String field, double fallback) {
        double d = number(node, field, fallback);
        if (d < 0) {
            throw new InvalidJobException(field, "must not be negative, not " + d);
        }
        return d;
    }

    private static int nonNegativeInt(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new InvalidJobException(field, "must be a whole number >= 0");
        }
        return v.asInt();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new InvalidJobException(field, "must be an array of strings");
        }
        Iterator<JsonNode> items = v.elements();
        int i = 0;
        while (items.hasNext()) {
            JsonNode item = items.next();
            if (!item.isTextual()) {
                throw new InvalidJobException(field + "[" + i + "]", "must be a string");
            }
            out.add(item.asText());
            i++;
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
