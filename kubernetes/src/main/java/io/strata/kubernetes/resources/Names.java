package io.strata.kubernetes.resources;

import java.util.regex.Pattern;

/** Upstream's name formats (DNS-1123 subdomain and label) with their exact error texts. */
public final class Names {

    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** Upstream's text for a bad subdomain. */
    public static final String SUBDOMAIN_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    /** Upstream's text for a bad label. */
    public static final String LABEL_ERROR = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    /** Upstream's text for a too-long RFC 1035/1123 label. */
    public static final String LABEL_LENGTH_ERROR = "must be no more than 63 characters";
    /** Upstream's text for a too-long subdomain. */
    public static final String SUBDOMAIN_LENGTH_ERROR = "must be no more than 253 characters";

    private Names() {
    }

    /** The errors of {@code name} as a DNS-1123 subdomain (empty when valid). */
    public static java.util.List<String> subdomainErrors(String name) {
        java.util.List<String> errors = new java.util.ArrayList<>();
        if (name.length() > 253) {
            errors.add(SUBDOMAIN_LENGTH_ERROR);
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
            errors.add(SUBDOMAIN_ERROR);
        }
        return errors;
    }

    /** The errors of {@code name} as a DNS-1123 label (empty when valid). */
    public static java.util.List<String> labelErrors(String name) {
        java.util.List<String> errors = new java.util.ArrayList<>();
        if (name.length() > 63) {
            errors.add(LABEL_LENGTH_ERROR);
        }
        if (!LABEL.matcher(name).matches()) {
            errors.add(LABEL_ERROR);
        }
        return errors;
    }
}
