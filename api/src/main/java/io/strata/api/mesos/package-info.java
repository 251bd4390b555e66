/**
 * Records of the Mesos v1 JSON wire format (scheduler, agent and operator APIs), field for field as
 * {@code mesos.proto} 1.x maps to JSON with {@link io.strata.api.json.Json#mesos()}: snake_case names,
 * enum names as strings, ids as {@code {"value": ...}}. Absent optional fields are {@code null}.
 */
package io.strata.api.mesos;
