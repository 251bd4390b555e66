package io.strata.packages.render;

import java.util.Objects;

/**
 * One reason options fail a package's schema.
 *
 * @param option the dotted path of the offending option, e.g. {@code nginx.cpus}; "" for the whole document
 * @param reason what is wrong, e.g. {@code string found, number expected}
 */
public record OptionError(String option, String reason) {
    /** Both fields are required. */
    public OptionError {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code option 'nginx.cpus': string found, number expected}. */
    public String describe() {
        return option.isEmpty() ? "options: " + reason : "option '" + option + "': " + reason;
    }
}
