/**
 * {@code strata task ...}: list tasks from the master's state, read a task's sandbox logs through its agent,
 * and kill a task through the master's operator API.
 */
package io.strata.cli.task;
