/**
 * The services framework, Strata's Marathon: long-running apps scheduled through the Mesos v1 scheduler API,
 * state in ZooKeeper, leader election between instances, and Marathon's v2 REST API. Entry points:
 * {@link io.strata.services.ServicesFramework#start} with a {@link io.strata.services.ServicesConfig}, and the
 * picocli {@link io.strata.services.ServicesCommand}.
 */
package io.strata.services;
