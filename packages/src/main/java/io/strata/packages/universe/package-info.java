/**
 * The Universe repository format as DC/OS shipped it (packaging versions 2.0 and 3.0): {@code meta/index.json}
 * plus, per package and revision, package.json, config.json, marathon.json.mustache, resource.json and an optional
 * command.json; read from the jar, a folder, a zip or an HTTP server through a
 * {@link io.strata.packages.universe.RepositorySource}.
 */
package io.strata.packages.universe;
