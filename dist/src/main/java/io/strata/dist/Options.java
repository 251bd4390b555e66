package io.strata.dist;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Parsing of option values shared by the server commands. */
final class Options {
    private Options() {
    }

    /** {@code role=weight,role=weight}; bad input is a usage error naming the entry. */
    static Map<String, Double> weights(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",")) {
            String[] kv = entry.split("=", 2);
            try {
                double w = Double.parseDouble(kv[1]);
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new NumberFormatException();
                }
                out.put(kv[0].trim(), w);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(new CommandLine(new Object()),
                        "--weights: '" + entry + "' is not role=weight with a positive weight");
            }
        }
        return out;
    }
}
