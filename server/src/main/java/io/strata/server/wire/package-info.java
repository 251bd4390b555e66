/**
 * Conversion between wire records (io.strata.api) and domain values (io.strata.core) at the HTTP edge:
 * resources and attributes in their protobuf-JSON form, and the flat maps of the state JSON.
 */
package io.strata.server.wire;
