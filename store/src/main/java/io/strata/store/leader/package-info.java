/**
 * Leader election and leader detection in the layout of Mesos masters, so Strata masters, agents, frameworks and
 * the CLI find each other through one {@code zk://host:port/path}. Each {@link io.strata.store.leader.LeaderContender}
 * creates an ephemeral sequential member {@code <path>/json.info_<10-digit sequence>} holding the caller's bytes
 * (MasterInfo JSON); the member with the smallest sequence leads, and on election it increments
 * {@code <path>/epoch}, yielding the {@link io.strata.store.leader.Epoch} that fences the leader's store writes.
 * A {@link io.strata.store.leader.LeaderDetector} watches the members and reports the leader's bytes. Both follow
 * the NEW -> STARTED -> CLOSED lifecycle and call their listeners on one thread of their own.
 */
package io.strata.store.leader;
