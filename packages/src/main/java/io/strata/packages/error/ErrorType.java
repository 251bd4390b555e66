package io.strata.packages.error;

/**
 * The error types of the package API, named as Cosmos named them in the {@code type} field of its error JSON,
 * each with the HTTP status Cosmos answered with.
 */
public enum ErrorType {
    /** The request body is not valid JSON or misses a required field. */
    MalformedRequest(400),
    /** The request's Content-Type is not JSON nor the operation's media type. */
    UnsupportedContentType(415),
    /** No repository has a package of this name. */
    PackageNotFound(400),
    /** The package exists but not in the requested version. */
    VersionNotFound(400),
    /** The options do not satisfy the package's config.json schema. */
    JsonSchemaMismatch(400),
    /** The package has no marathon.json.mustache, so there is nothing to install. */
    PackageMissingMarathonTemplate(400),
    /** The rendered template is not a JSON object. */
    InvalidRenderedTemplate(400),
    /** An app with the requested id is already running. */
    PackageAlreadyInstalled(409),
    /** No installed app matches the uninstall request. */
    UninstallNonExistentAppForPackage(400),
    /** Several installed apps match and the request named none of them. */
    AmbiguousAppId(400),
    /** The repository name or URI is already in the list. */
    RepositoryAlreadyPresent(409),
    /** The repository to delete is not in the list. */
    RepositoryNotPresent(404),
    /** The repository URI cannot be used (syntax or scheme). */
    RepositoryUriSyntax(400),
    /** The repository index could not be fetched or parsed. */
    IndexNotFound(400),
    /** A package file in a repository is missing or malformed. */
    PackageFileMalformed(400),
    /** The services (Marathon) API answered with an unexpected status. */
    MarathonBadResponse(502),
    /** The services (Marathon) API or ZooKeeper cannot be reached. */
    ServiceUnavailable(503),
    /** A bug in the package service; the log has the stack trace. */
    InternalError(500);

    private final int status;

    ErrorType(int status) {
        this.status = status;
    }

    /** The HTTP status of this error. */
    public int status() {
        return status;
    }
}
