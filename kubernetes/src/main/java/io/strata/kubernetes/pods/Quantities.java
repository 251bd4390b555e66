package io.strata.kubernetes.pods;

import java.math.BigDecimal;

/** Parses Kubernetes resource quantities ({@code 100m}, {@code 0.5}, {@code 64Mi}, {@code 1G}, {@code 1e3}). */
public final class Quantities {

    private Quantities() {
    }

    /** The quantity as a plain number (cpu in cores, memory in bytes). */
    public static double parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("quantity must not be empty");
        }
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"Pi", "1125899906842624"}, {"Ei", "1152921504606846976"}, {"n", "1e-9"}, {"u", "1e-6"}, {"m", "1e-3"},
            {"k", "1e3"}, {"M", "1e6"}, {"G", "1e9"}, {"T", "1e12"}, {"P", "1e15"}, {"E", "1e18"}};
        for (String[] suffix : suffixes) {
            if (s.endsWith(suffix[0])) {
                return new BigDecimal(s.substring(0, s.length() - suffix[0].length()))
                        .multiply(new BigDecimal(suffix[1])).doubleValue();
            }
        }
        return new BigDecimal(s).doubleValue();
    }

    /** Cores from a cpu quantity. */
    public static double cpus(String text) {
        return parse(text);
    }

    /** MiB from a memory quantity. */
    public static double mebibytes(String text) {
        return parse(text) / (1024.0 * 1024.0);
    }
}
