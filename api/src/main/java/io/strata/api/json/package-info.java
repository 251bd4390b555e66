/**
 * JSON mapping shared by every public API: one configured Jackson mapper per naming convention and one
 * exception type for malformed input, so every HTTP edge reports bad JSON the same way (400, naming the field).
 */
package io.strata.api.json;
