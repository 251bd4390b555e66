/**
 * The services framework's ZooKeeper state through Curator: one znode per app, app version, instance and
 * deployment, plus the Mesos framework id that makes failover possible.
 */
package io.strata.services.store;
