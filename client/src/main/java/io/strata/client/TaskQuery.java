package io.strata.client;

/**
 * Paging of {@code /master/tasks}: at most {@code limit} tasks starting at {@code offset}, ordered by
 * {@code order} ("asc" or "des", Mesos' spelling) of launch time.
 */
public record TaskQuery(int limit, int offset, String order) {
    /** Mesos' default page: 100 tasks from the start, newest first. */
    public static final TaskQuery DEFAULT = new TaskQuery(100, 0, "des");

    /** Validates the bounds and the order keyword. */
    public TaskQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (!"asc".equals(order) && !"des".equals(order)) {
            throw new IllegalArgumentException("order must be 'asc' or 'des': " + order);
        }
    }

    /** The query string, e.g. {@code limit=100&offset=0&order=des}. */
    String queryString() {
        return "limit=" + limit + "&offset=" + offset + "&order=" + order;
    }
}
