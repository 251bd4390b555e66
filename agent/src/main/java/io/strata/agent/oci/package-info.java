/**
 * Running image tasks with an OCI runtime: {@link io.strata.agent.oci.OciSpec} turns an image configuration and a
 * {@link io.strata.agent.oci.ContainerRequest} into a {@code config.json} (Docker's default capabilities, the sandbox at
 * {@code /mnt/mesos/sandbox}, the isolator's absolute cgroup path, host or private networking),
 * {@link io.strata.agent.oci.BundleWriter} writes the bundle, and {@link io.strata.agent.oci.RuncRuntime} drives
 * {@code runc} (or {@code crun}, same CLI): the agent's supervisor runs {@link io.strata.agent.oci.RuncRuntime#runArgv}
 * in the foreground so its exit status is the container's, while {@code state}, {@code list}, {@code kill} and
 * {@code delete} serve stopping and recovery ({@link io.strata.agent.oci.LeftoverReconciler}). For {@code private}
 * networking, {@link io.strata.agent.oci.PortForwarder} listens on host ports and relays each connection through a Unix
 * socket in the sandbox to a {@link io.strata.agent.oci.NamespaceRelay} inside the container's network namespace.
 * The runtime runs from a {@link io.strata.agent.oci.SealedExecutable}, a sealed in-memory copy of its binary, so that
 * no {@code runc init} has to protect itself against CVE-2019-5736 again for every container.
 */
package io.strata.agent.oci;
