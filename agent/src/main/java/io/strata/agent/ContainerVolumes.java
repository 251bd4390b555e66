package io.strata.agent;

import io.strata.agent.launcher.TaskCommand;
import io.strata.agent.volume.ReadOnlyBinds;
import io.strata.agent.volume.VolumeMount;
import io.strata.agent.volume.VolumeParser;
import io.strata.agent.volume.VolumePreparer;
import io.strata.agent.volume.VolumeSpec;
import io.strata.api.mesos.ContainerInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The volumes of one task's container ({@code task.container.volumes}): parsed, their sources created, and for a task
 * without an image linked into its sandbox (read-only ones made read-only in its own mount namespace); an image
 * task's are bound by the runtime ({@link ImageContainers}).
 */
final class ContainerVolumes {
    private ContainerVolumes() {
    }

    /**
     * Prepares the task's volumes; throws {@link IllegalArgumentException} naming the field when they are invalid
     * (the launch then fails with REASON_CONTAINER_LAUNCH_FAILED).
     *
     * @param image whether the task runs in an image container (mounts returned) or not (links made now)
     */
    static List<VolumeMount> prepare(Container c, boolean image) {
        ContainerInfo container = c.task.container();
        List<VolumeSpec> specs = VolumeParser.parse(container == null ? null : container.volumes(), c.inGroup(),
                image);
        if (specs.isEmpty()) {
            return List.of();
        }
        List<VolumeMount> mounts = VolumePreparer.prepare(specs, c.sandbox,
                c.inGroup() ? Optional.of(c.pod.sandbox) : Optional.empty(), secretsDir(c));
        if (!image) {
            VolumePreparer.link(mounts, c.sandbox);
        }
        return mounts;
    }

    /**
     * For a task without an image: its command, run where its read-only volumes are read-only (see
     * {@link ReadOnlyBinds}); unchanged when it has none.
     */
    static TaskCommand enforceReadOnly(List<VolumeMount> mounts, TaskCommand command) {
        List<String> argv = ReadOnlyBinds.wrap(mounts, command.argv());
        return argv.equals(command.argv()) ? command : new TaskCommand.Argv(argv);
    }

    /** After the task ended: its secret files are deleted. */
    static void release(Container c) {
        try {
            VolumePreparer.removeSecrets(secretsDir(c));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ContainerVolumes.class).warn("{}", e.getMessage());
        }
    }

    /** Secret files live with the task's checkpoints, outside its sandbox. */
    private static Path secretsDir(Container c) {
        return c.metaDir.resolve("secrets");
    }
}
