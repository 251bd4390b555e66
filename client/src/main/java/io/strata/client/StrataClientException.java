package io.strata.client;

import java.net.URI;

/**
 * A failed call to a Strata master or agent.
 *
 * <p>{@link #code()} classifies the failure and maps it to the exit code of the {@code strata} command;
 * {@link #status()} is the HTTP status when the server answered, else 0. The message is fit for a user:
 * it names the URL and, for HTTP errors, carries the server's (plain text) error body.
 */
public final class StrataClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, with the CLI exit code it maps to (0 ok, 1 failure, 2 bad input, 3 unreachable). */
    public enum Code {
        /** The connection failed or timed out: nobody answered at the URL. */
        UNREACHABLE(3),
        /** The master answered 503: it knows no leader (yet). */
        UNAVAILABLE(3),
        /** The master address given by the user is malformed (bad {@code --master}). */
        INVALID_ADDRESS(2),
        /** 400: the request was malformed or invalid. */
        BAD_REQUEST(2),
        /** 404: the addressed object (task, file, endpoint) does not exist. */
        NOT_FOUND(1),
        /** Any other 4xx (403 not subscribed, 409 conflict, ...). */
        CLIENT_ERROR(1),
        /** 5xx other than 503. */
        SERVER_ERROR(1),
        /** The server answered something this client cannot read (bad JSON, bad framing, redirect loop). */
        PROTOCOL(1),
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED(1);

        private final int exitCode;

        Code(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code of the {@code strata} command for this failure. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Code code;
    private final int status;

    /** A failure without an HTTP status. */
    public StrataClientException(Code code, String message, Throwable cause) {
        this(code, 0, message, cause);
    }

    private StrataClientException(Code code, int status, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
    }

    /** The connection to {@code uri} failed. */
    public static StrataClientException unreachable(URI uri, Throwable cause) {
        return new StrataClientException(Code.UNREACHABLE, "cannot reach master at " + origin(uri), cause);
    }

    /** The server at {@code uri} answered {@code status} with {@code body} (plain text in Mesos). */
    public static StrataClientException http(URI uri, int status, String body) {
        Code code = switch (status) {
            case 400 -> Code.BAD_REQUEST;
            case 404 -> Code.NOT_FOUND;
            case 503 -> Code.UNAVAILABLE;
            default -> status >= 500 ? Code.SERVER_ERROR : Code.CLIENT_ERROR;
        };
        String text = body == null ? "" : body.strip();
        String message = uri.getPath() + " on " + origin(uri) + " answered " + status
                + (text.isEmpty() ? "" : ": " + text);
        return new StrataClientException(code, status, message, null);
    }

    /** The user-supplied master address cannot be used. */
    public static StrataClientException invalidAddress(String address, String why) {
        return new StrataClientException(Code.INVALID_ADDRESS, "invalid master address '" + address + "': " + why,
                null);
    }

    /** The server's reply could not be understood. */
    public static StrataClientException protocol(URI uri, String what, Throwable cause) {
        return new StrataClientException(Code.PROTOCOL, "unexpected reply from " + origin(uri) + ": " + what, cause);
    }

    /** The wait for {@code uri} was interrupted; the thread's interrupt flag is restored by the caller. */
    public static StrataClientException interrupted(URI uri, InterruptedException cause) {
        return new StrataClientException(Code.INTERRUPTED, "interrupted while calling " + origin(uri), cause);
    }

    /** The failure class. */
    public Code code() {
        return code;
    }

    /** The HTTP status of the reply, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The exit code of the {@code strata} command for this failure. */
    public int exitCode() {
        return code.exitCode();
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
