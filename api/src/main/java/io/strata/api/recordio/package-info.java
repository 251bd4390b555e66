/** RecordIO framing used by the subscribe streams of the scheduler, agent and operator APIs. */
package io.strata.api.recordio;
