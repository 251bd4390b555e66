package io.strata.kubernetes.apiserver;

/**
 * The query options of a write: {@code dryRun=All}, {@code fieldManager}, and {@code force} for server-side apply.
 */
public record RequestOptions(boolean dryRun, String fieldManager, boolean force) {

    /** Options for a plain write by {@code manager}. */
    public static RequestOptions of(String manager) {
        return new RequestOptions(false, manager, false);
    }

    /** Normalises a null manager to {@code unknown}. */
    public RequestOptions {
        fieldManager = fieldManager == null || fieldManager.isBlank() ? "unknown" : fieldManager;
    }
}
