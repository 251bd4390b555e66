/**
 * Tracing shared by the components: JFR events that mark where a task is on its launch path, off unless a
 * recording enables them.
 */
package io.strata.server.trace;
