/**
 * Durable master state in ZooKeeper: one znode per framework, agent and non-terminal task, written
 * pipelined and fenced by the leadership epoch so a deposed master cannot overwrite its successor.
 */
package io.strata.master.persist;
