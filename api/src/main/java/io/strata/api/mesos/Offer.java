package io.strata.api.mesos;

import java.util.List;

/** Resources of one agent offered to one framework. */
public record Offer(OfferId id, FrameworkId frameworkId, AgentId agentId, String hostname, Url url,
                    List<Resource> resources, List<Attribute> attributes, List<ExecutorId> executorIds) {

    /** The agent's address. */
    public record Url(String scheme, Address address, String path) {
    }

    /** An operation of ACCEPT. */
    public record Operation(Type type, Launch launch, LaunchGroup launchGroup) {
        /** Operation kinds. */
        public enum Type { UNKNOWN, LAUNCH, LAUNCH_GROUP, RESERVE, UNRESERVE, CREATE, DESTROY }

        /** LAUNCH: command tasks. */
        public record Launch(List<TaskInfo> taskInfos) {
        }

        /** LAUNCH_GROUP: tasks started together in one executor. */
        public record LaunchGroup(ExecutorInfo executor, TaskGroupInfo taskGroup) {
        }
    }

    /** An executor description. */
    public record ExecutorInfo(String type, ExecutorId executorId, FrameworkId frameworkId, CommandInfo command,
                               List<Resource> resources, ContainerInfo container, String name) {
    }

    /** A group of tasks. */
    public record TaskGroupInfo(List<TaskInfo> tasks) {
    }
}
