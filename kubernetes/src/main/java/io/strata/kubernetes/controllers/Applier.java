package io.strata.kubernetes.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs intents through the internal client. Conflicts and missing objects are expected (the reconciler saw an
 * older state): they end the batch and report {@code false} so the key is synced again from fresh state.
 */
public final class Applier {

    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
    private final ResourceService service;
    private final RequestOptions options;

    /** An applier writing as field manager {@code manager}. */
    public Applier(ResourceService service, String manager) {
        this.service = Objects.requireNonNull(service, "service");
        this.options = RequestOptions.of(manager);
    }

    /** Performs the intents in order; false when one met a conflict, a missing object or a refusal. */
    public boolean apply(List<Intent> intents) {
        for (Intent intent : intents) {
            try {
                perform(intent);
            } catch (ApiError e) {
                if (e.code() == 404 && intent instanceof Intent.Delete) {
                    continue;
                }
                if (e.code() == 409 || e.code() == 404) {
                    LOG.debug("{} not applied ({}): {}", intent.getClass().getSimpleName(), e.code(), e.getMessage());
                } else {
                    LOG.warn("{} of {}/{} refused ({}): {}", intent.getClass().getSimpleName(), intent.namespace(),
                            intent.type().plural(), e.code(), e.status());
                }
                return false;
            }
        }
        return true;
    }

    /** Performs one intent and returns the stored object (null for deletes). */
    public ObjectNode perform(Intent intent) {
        return switch (intent) {
            case Intent.Create c -> service.create(c.type(), c.namespace(), c.body(), options);
            case Intent.Update u -> service.update(u.type(), u.namespace(), u.name(), u.status() ? "status" : "",
                    u.object(), options);
            case Intent.Delete d -> {
                service.delete(d.type(), d.namespace(), d.name(), "Background", 0, false, d.graceSeconds());
                yield null;
            }
        };
    }
}
