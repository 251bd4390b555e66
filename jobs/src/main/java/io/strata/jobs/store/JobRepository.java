package io.strata.jobs.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.jobs.model.JobReader;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.JobState;
import io.strata.jobs.model.JobWriter;
import io.strata.jobs.model.RunRecord;
import io.strata.store.StateStore;
import io.strata.store.StoreException;
import io.strata.store.Versioned;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes jobs, their state and the framework id. Writes go through the (epoch-fenced) store given, so
 * a deposed leader's writes fail with {@link StoreException} and change nothing.
 *
 * <p>Thread-safe (the store is). A stored job that no longer parses is logged and left out rather than
 * stopping the framework.
 */
public final class JobRepository {
    static final String JOBS = "jobs";
    static final String STATE = "state";
    static final String HISTORY = "history";
    static final String FRAMEWORK_ID = "framework-id";
    private static final Logger LOG = LoggerFactory.getLogger(JobRepository.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final StateStore store;

    /** A repository over {@code store}, whose base path is the framework's (e.g. {@code /chronos}). */
    public JobRepository(StateStore store) {
        this.store = store;
    }

    /** A job with its state, as loaded. */
    public record StoredJob(JobSpec spec, JobState state) {
    }

    /** Every stored job by name, in name order. */
    public Map<String, StoredJob> loadAll() {
        Map<String, StoredJob> out = new LinkedHashMap<>();
        for (String name : store.children(JOBS)) {
            Optional<Versioned> data = store.read(JOBS + "/" + name);
            if (data.isEmpty()) {
                continue;
            }
            try {
                JobSpec spec = JobReader.read(data.get().data(), JobReader.Kind.STORED, Instant.EPOCH);
                out.put(spec.name(), new StoredJob(spec, state(name)));
            } catch (RuntimeException e) {
                LOG.error("stored job {} cannot be read and is ignored: {}", name, e.getMessage());
            }
        }
        return out;
    }

    private JobState state(String name) {
        JobState state = store.read(STATE + "/" + name).map(v -> {
            try {
                return MAPPER.readValue(v.data(), JobState.class);
            } catch (IOException e) {
                LOG.error("state of job {} cannot be read; starting it afresh: {}", name, e.getMessage());
                return JobState.initial();
            }
        }).orElse(JobState.initial());
        List<RunRecord> history = store.read(HISTORY + "/" + name).map(v -> {
            try {
                return List.of(MAPPER.readValue(v.data(), RunRecord[].class));
            } catch (IOException e) {
                LOG.error("history of job {} cannot be read; it starts empty: {}", name, e.getMessage());
                return List.<RunRecord>of();
            }
        }).orElse(List.of());
        return state.withRecent(history);
    }

    /** Creates or replaces a job definition. */
    public void putJob(JobSpec spec) {
        store.put(JOBS + "/" + spec.name(), json(JobWriter.definition(spec)));
    }

    /**
     * Creates or replaces a job's state without its history (written apart by {@link #putHistory}, only when an
     * attempt ends, so the writes on each launch stay small).
     */
    public void putState(String name, JobState state) {
        store.put(STATE + "/" + name, json(state.withRecent(List.of())));
    }

    /** Creates or replaces a job's recent finished attempts. */
    public void putHistory(String name, List<RunRecord> recent) {
        store.put(HISTORY + "/" + name, json(recent));
    }

    /** Deletes a job and its state; missing nodes are fine. */
    public void delete(String name) {
        for (String path : new String[] {HISTORY + "/" + name, STATE + "/" + name, JOBS + "/" + name}) {
            try {
                store.delete(path, StateStore.ANY_VERSION);
            } catch (StoreException e) {
                if (e.code() != StoreException.Code.NOT_FOUND) {
                    throw e;
                }
            }
        }
    }

    /** The framework id of an earlier subscription, if one was stored. */
    public Optional<String> frameworkId() {
        return store.read(FRAMEWORK_ID).map(v -> new String(v.data(), StandardCharsets.UTF_8))
                .filter(s -> !s.isBlank());
    }

    /** Stores the framework id the master assigned. */
    public void putFrameworkId(String id) {
        store.put(FRAMEWORK_ID, id.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
