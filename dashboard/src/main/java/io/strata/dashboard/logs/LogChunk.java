package io.strata.dashboard.logs;

/**
 * A piece of a task's sandbox file as {@code GET /dashboard/api/tasks/{id}/log} returns it: {@code data} read from
 * byte {@code offset} up to byte {@code end} (the offset to ask for next) of {@code file} on {@code agent}.
 */
public record LogChunk(String taskId, String file, String agent, String data, long offset, long end) {
    /** Validates that the range is well formed. */
    public LogChunk {
        if (taskId == null || file == null || agent == null || data == null) {
            throw new IllegalArgumentException("log chunk fields must not be null");
        }
        if (offset < 0 || end < offset) {
            throw new IllegalArgumentException("bad log range " + offset + ".." + end);
        }
    }
}
