package io.strata.jobs.mesos;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.Environment;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.Value;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Mesos TaskInfo of one attempt as Chronos does: name {@code ChronosTask:<job>}, the job's command
 * (shell, or executable plus {@code arguments} and a manual run's extra arguments), its environment plus
 * {@code mesos_task_id}, {@code CHRONOS_JOB_NAME}, {@code CHRONOS_JOB_OWNER} and {@code CHRONOS_RESOURCE_*},
 * its URIs, and an image container when it names one. Pure.
 */
final class TaskFactory {
    private TaskFactory() {
    }

    static TaskInfo task(JobSpec job, RunRecord run, AgentId agent, String role) {
        List<Resource> resources = new ArrayList<>();
        resources.add(scalar("cpus", job.cpus(), role));
        resources.add(scalar("mem", job.mem(), role));
        if (job.disk() > 0) {
            resources.add(scalar("disk", job.disk(), role));
        }
        return new TaskInfo("ChronosTask:" + job.name(), new TaskId(run.taskId()), agent, resources,
                command(job, run), container(job), null, null, null, null, null);
    }

    private static CommandInfo command(JobSpec job, RunRecord run) {
        List<Environment.Variable> env = new ArrayList<>();
        job.environmentVariables().forEach(v -> env.add(new Environment.Variable(v.name(), v.value())));
        env.add(new Environment.Variable("mesos_task_id", run.taskId()));
        env.add(new Environment.Variable("CHRONOS_JOB_OWNER", job.owner()));
        env.add(new Environment.Variable("CHRONOS_JOB_NAME", job.name()));
        env.add(new Environment.Variable("CHRONOS_RESOURCE_MEM", String.valueOf(job.mem())));
        env.add(new Environment.Variable("CHRONOS_RESOURCE_CPU", String.valueOf(job.cpus())));
        env.add(new Environment.Variable("CHRONOS_RESOURCE_DISK", String.valueOf(job.disk())));
        List<CommandInfo.Uri> uris = job.uris().stream()
                .map(u -> new CommandInfo.Uri(u, false, true, false, null)).toList();
        String user = job.runAsUser().isBlank() ? null : job.runAsUser();
        if (job.shell()) {
            return new CommandInfo(uris, new Environment(env), true, job.command(), null, user);
        }
        List<String> argv = new ArrayList<>();
        argv.add(job.command());
        argv.addAll(job.arguments());
        if (!run.arguments().isBlank()) {
            argv.addAll(List.of(run.arguments().strip().split("\\s+")));
        }
        return new CommandInfo(uris, new Environment(env), false, job.command(), argv, user);
    }

    private static ContainerInfo container(JobSpec job) {
        JobSpec.Container c = job.container();
        if (c == null) {
            return null;
        }
        List<ContainerInfo.Volume> volumes = c.volumes().stream()
                .map(v -> new ContainerInfo.Volume(v.containerPath(), v.hostPath().isBlank() ? null : v.hostPath(),
                        v.mode())).toList();
        ContainerInfo.Image image = new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                new ContainerInfo.Image.DockerImage(c.image()), !c.forcePullImage());
        return new ContainerInfo(ContainerInfo.Type.MESOS, volumes, null, new ContainerInfo.MesosInfo(image), null);
    }

    private static Resource scalar(String name, double value, String role) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, role, null);
    }
}
