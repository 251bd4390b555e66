package io.strata.api.mesos;

/**
 * A task status update. {@code uuid} (base64) is present only on updates that must be acknowledged;
 * {@code timestamp} is in seconds since the epoch.
 */
public record TaskStatus(TaskId taskId, TaskState state, String message, Source source, Reason reason, String data,
                         AgentId agentId, ExecutorId executorId, Double timestamp, String uuid, Boolean healthy,
                         Labels labels, ContainerStatus containerStatus, TimeInfo unreachableTime,
                         CheckStatusInfo checkStatus) {

    /** Who generated the update. */
    public enum Source { SOURCE_MASTER, SOURCE_AGENT, SOURCE_EXECUTOR }

    /** Why the state changed (subset of mesos.proto names, same spelling). */
    public enum Reason {
        REASON_COMMAND_EXECUTOR_FAILED, REASON_CONTAINER_LAUNCH_FAILED, REASON_CONTAINER_LIMITATION,
        REASON_CONTAINER_LIMITATION_DISK, REASON_CONTAINER_LIMITATION_MEMORY, REASON_CONTAINER_PREEMPTED,
        REASON_CONTAINER_UPDATE_FAILED, REASON_EXECUTOR_REGISTRATION_TIMEOUT, REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
        REASON_EXECUTOR_TERMINATED, REASON_EXECUTOR_UNREGISTERED, REASON_FRAMEWORK_REMOVED, REASON_GC_ERROR,
        REASON_INVALID_FRAMEWORKID, REASON_INVALID_OFFERS, REASON_IO_SWITCHBOARD_EXITED, REASON_MASTER_DISCONNECTED,
        REASON_RECONCILIATION, REASON_RESOURCES_UNKNOWN, REASON_AGENT_DISCONNECTED, REASON_AGENT_REMOVED,
        REASON_AGENT_RESTARTED, REASON_AGENT_UNKNOWN, REASON_TASK_CHECK_STATUS_UPDATED, REASON_TASK_GROUP_INVALID,
        REASON_TASK_GROUP_UNAUTHORIZED, REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, REASON_TASK_INVALID,
        REASON_TASK_KILLED_DURING_LAUNCH, REASON_TASK_UNAUTHORIZED, REASON_TASK_UNKNOWN
    }

    /** Container runtime details: network addresses, executor pid. */
    public record ContainerStatus(java.util.List<NetworkInfo> networkInfos, Integer executorPid) {
        /** Addresses of the container. */
        public record NetworkInfo(java.util.List<IpAddress> ipAddresses) {
        }

        /** One address. */
        public record IpAddress(String ipAddress) {
        }
    }

    /** A point in time in nanoseconds. */
    public record TimeInfo(long nanoseconds) {
    }

    /** Starts a builder from this status. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a status from its mandatory fields. */
    public static Builder builder(TaskId taskId, TaskState state) {
        return new Builder(new TaskStatus(taskId, state, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
    }

    /** Copy-with builder; records have no withers. */
    public static final class Builder {
        private TaskId taskId;
        private TaskState state;
        private String message;
        private Source source;
        private Reason reason;
        private String data;
        private AgentId agentId;
        private ExecutorId executorId;
        private Double timestamp;
        private String uuid;
        private Boolean healthy;
        private Labels labels;
        private ContainerStatus containerStatus;
        private TimeInfo unreachableTime;
        private CheckStatusInfo checkStatus;

        private Builder(TaskStatus s) {
            taskId = s.taskId;
            state = s.state;
            message = s.message;
            source = s.source;
            reason = s.reason;
            data = s.data;
            agentId = s.agentId;
            executorId = s.executorId;
            timestamp = s.timestamp;
            uuid = s.uuid;
            healthy = s.healthy;
            labels = s.labels;
            containerStatus = s.containerStatus;
            unreachableTime = s.unreachableTime;
            checkStatus = s.checkStatus;
        }

        public Builder state(TaskState v) { state = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder source(Source v) { source = v; return this; }
        public Builder reason(Reason v) { reason = v; return this; }
        public Builder agentId(AgentId v) { agentId = v; return this; }
        public Builder executorId(ExecutorId v) { executorId = v; return this; }
        public Builder timestamp(Double v) { timestamp = v; return this; }
        public Builder uuid(String v) { uuid = v; return this; }
        public Builder healthy(Boolean v) { healthy = v; return this; }
        public Builder labels(Labels v) { labels = v; return this; }
        public Builder data(String v) { data = v; return this; }
        public Builder containerStatus(ContainerStatus v) { containerStatus = v; return this; }
        public Builder unreachableTime(TimeInfo v) { unreachableTime = v; return this; }
        public Builder checkStatus(CheckStatusInfo v) { checkStatus = v; return this; }

        /** The status. */
        public TaskStatus build() {
            return new TaskStatus(taskId, state, message, source, reason, data, agentId, executorId, timestamp,
                    uuid, healthy, labels, containerStatus, unreachableTime, checkStatus);
        }
    }
}
