/**
 * Mesos volumes of tasks and task groups ({@code ContainerInfo.volumes}): {@link io.strata.agent.volume.VolumeParser}
 * turns the wire form into validated {@link io.strata.agent.volume.VolumeSpec}s (pure, every error naming its field),
 * and {@link io.strata.agent.volume.VolumePreparer} makes them real for one container: it creates sandbox-path
 * directories (in the task's own sandbox, or its executor's for {@code PARENT}, which the tasks of a group share),
 * writes secrets given by value into files outside the browsable sandbox, and returns the
 * {@link io.strata.agent.volume.VolumeMount}s an image container binds; a task without an image gets a symbolic link
 * at its sandbox-relative {@code container_path} instead, as Mesos did for such tasks.
 */
package io.strata.agent.volume;
