package io.strata.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells under column headers; every row has one cell per header.
 *
 * @param headers the column names, upper case by convention
 * @param rows the rows in display order
 */
public record Table(List<String> headers, List<List<String>> rows) {
    /** Validates the shape and copies the lists; null cells become "-". */
    public Table {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        headers = List.copyOf(headers);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, table has "
                        + headers.size() + " columns: " + row);
            }
            copy.add(row.stream().map(cell -> cell == null ? "-" : cell).toList());
        }
        rows = List.copyOf(copy);
    }

    /** A table with the given headers and no rows yet; see {@link Builder}. */
    public static Builder builder(String... headers) {
        return new Builder(List.of(headers));
    }

    /** Collects rows. */
    public static final class Builder {
        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> headers) {
            this.headers = headers;
        }

        /** Adds a row; nulls print as "-". */
        public Builder row(String... cells) {
            rows.add(java.util.Arrays.asList(cells));
            return this;
        }

        /** The table. */
        public Table build() {
            return new Table(headers, rows);
        }
    }
}
