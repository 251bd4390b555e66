/**
 * The v1 scheduler API ({@code POST /api/v1/scheduler}): calls a framework sends and the events it
 * receives on its RecordIO subscription stream.
 */
package io.strata.api.scheduler;
