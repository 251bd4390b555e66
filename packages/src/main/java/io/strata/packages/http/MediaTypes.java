package io.strata.packages.http;

/**
 * Cosmos' media types: {@code application/vnd.dcos.package.<operation>-request+json;charset=utf-8;version=v1} and
 * the {@code -response} twin, where a {@code /} in the operation becomes {@code .}
 * ({@code repository/add} -> {@code repository.add}).
 */
public final class MediaTypes {
    /** The error body's media type. */
    public static final String ERROR = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";
    /** The capabilities reply's media type. */
    public static final String CAPABILITIES = "application/vnd.dcos.capabilities+json;charset=utf-8;version=v1";

    private MediaTypes() {
    }

    /** The request media type of {@code operation} (e.g. {@code install}, {@code repository/add}). */
    public static String request(String operation) {
        return "application/vnd.dcos.package." + operation.replace('/', '.') + "-request+json;charset=utf-8;version=v1";
    }

    /** The response media type of {@code operation}. */
    public static String response(String operation) {
        return "application/vnd.dcos.package." + operation.replace('/', '.') + "-response+json;charset=utf-8;version=v1";
    }

    /**
     * Whether a request's Content-Type may carry the body of {@code operation}: absent, any JSON type, or the
     * operation's own vnd type (its parameters ignored).
     */
    public static boolean acceptable(String contentType, String operation) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return bare.equals("application/json") || bare.equals(request(operation).split(";", 2)[0]);
    }
}
