package io.strata.cli.output;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints a {@link Table} as left-aligned columns separated by two spaces, header first, without trailing
 * blanks. A table without rows prints its header only.
 */
public final class TablePrinter {
    private static final String GAP = "  ";

    private TablePrinter() {
    }

    /** Prints {@code table} to {@code out}. */
    public static void print(Table table, PrintStream out) {
        out.print(render(table));
    }

    /** The text of {@code table}, one line per row, each ending in a newline. */
    public static String render(Table table) {
        int[] widths = widths(table);
        StringBuilder text = new StringBuilder();
        line(text, table.headers(), widths);
        for (List<String> row : table.rows()) {
            line(text, row, widths);
        }
        return text.toString();
    }

    private static int[] widths(Table table) {
        int[] widths = new int[table.headers().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = table.headers().get(i).length();
        }
        for (List<String> row : table.rows()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
