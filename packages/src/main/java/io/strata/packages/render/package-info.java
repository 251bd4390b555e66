/**
 * Rendering a package into a Marathon app, as Cosmos did: schema defaults merged under the user's options,
 * validation with a JSON Schema library, a Mustache template, and the {@code DCOS_PACKAGE_*} labels. Pure
 * functions over values; no I/O.
 */
package io.strata.packages.render;
