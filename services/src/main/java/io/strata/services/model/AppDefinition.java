package io.strata.services.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Marathon app definition with Marathon's defaults applied (AppDefinition.scala, v1.1-1.6).
 *
 * <p>Values are validated by {@code io.strata.services.wire.AppReader}, which reports every problem by JSON path;
 * the compact constructor only guards invariants the rest of the framework relies on. {@code version} changes on
 * every update; {@code lastConfigChangeAt} only on changes that need the tasks replaced (anything but
 * {@code instances}), so a scale keeps the running tasks.
 *
 * @param id the app's path
 * @param cmd shell command, or null
 * @param args argv executed without a shell, or empty
 * @param user the user tasks run as, or null
 * @param env environment variables
 * @param instances desired number of instances
 * @param cpus cpus per instance
 * @param mem MiB of memory per instance
 * @param disk MiB of disk per instance
 * @param gpus GPUs per instance
 * @param constraints Marathon constraints {@code [field, OPERATOR, value?]}
 * @param acceptedResourceRoles roles whose resources may be used, or null for the framework default
 * @param labels labels
 * @param portDefinitions ports; {@code port} is the service port (assigned from 10000-20000 when 0 was asked)
 * @param requirePorts whether the port numbers are also the host ports
 * @param healthChecks health checks
 * @param upgradeStrategy rolling upgrade capacities
 * @param backoffSeconds first launch delay after a failure
 * @param backoffFactor growth of the delay per further failure
 * @param maxLaunchDelaySeconds cap of the delay
 * @param killSelection which tasks go first on scale-down
 * @param unreachableStrategy when unreachable tasks are replaced and expunged
 * @param fetch URIs fetched into the sandbox
 * @param taskKillGracePeriodSeconds seconds between SIGTERM and SIGKILL, or null for the agent default
 * @param container the container (image), or null
 * @param dependencies ids of apps this app depends on
 * @param version when this definition was stored
 * @param lastScalingAt when {@code instances} last changed
 * @param lastConfigChangeAt when anything other than {@code instances} last changed
 */
public record AppDefinition(PathId id, String cmd, List<String> args, String user, Map<String, String> env,
        int instances, double cpus, double mem, double disk, int gpus, List<List<String>> constraints,
        List<String> acceptedResourceRoles, Map<String, String> labels, List<PortDefinition> portDefinitions,
        boolean requirePorts, List<HealthCheckDefinition> healthChecks, UpgradeStrategy upgradeStrategy,
        double backoffSeconds, double backoffFactor, double maxLaunchDelaySeconds, KillSelection killSelection,
        UnreachableStrategy unreachableStrategy, List<FetchUri> fetch, Integer taskKillGracePeriodSeconds,
        ContainerDefinition container, List<String> dependencies, Instant version, Instant lastScalingAt,
        Instant lastConfigChangeAt) {

    /** Marathon's default instances. */
    public static final int DEFAULT_INSTANCES = 1;
    /** Marathon's default cpus. */
    public static final double DEFAULT_CPUS = 1.0;
    /** Marathon's default memory (MiB). */
    public static final double DEFAULT_MEM = 128.0;
    /** Marathon's default backoff (s). */
    public static final double DEFAULT_BACKOFF_SECONDS = 1.0;
    /** Marathon's default backoff factor. */
    public static final double DEFAULT_BACKOFF_FACTOR = 1.15;
    /** Marathon's default maximum launch delay (s). */
    public static final double DEFAULT_MAX_LAUNCH_DELAY_SECONDS = 3600.0;

    /** Which tasks are killed first when scaling down. */
    public enum KillSelection { YOUNGEST_FIRST, OLDEST_FIRST }

    /** Copies collections and checks the invariants. */
    public AppDefinition {
        Objects.requireNonNull(id, "id");
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        constraints = constraints == null ? List.of() : constraints.stream().map(List::copyOf).toList();
        acceptedResourceRoles = acceptedResourceRoles == null ? null : List.copyOf(acceptedResourceRoles);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        portDefinitions = portDefinitions == null ? List.of() : List.copyOf(portDefinitions);
        healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
        fetch = fetch == null ? List.of() : List.copyOf(fetch);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        Objects.requireNonNull(upgradeStrategy, "upgradeStrategy");
        Objects.requireNonNull(killSelection, "killSelection");
        Objects.requireNonNull(unreachableStrategy, "unreachableStrategy");
        if (instances < 0) {
            throw new IllegalArgumentException("instances must be >= 0: " + instances);
        }
    }

    /**
     * A port: the service port number, protocol, optional name and labels.
     *
     * @param port the service port (0 before assignment)
     * @param protocol {@code tcp}, {@code udp} or {@code udp,tcp}
     * @param name optional name
     * @param labels labels (e.g. VIP_0)
     */
    public record PortDefinition(int port, String protocol, String name, Map<String, String> labels) {
        /** Copies the labels. */
        public PortDefinition {
            protocol = protocol == null ? "tcp" : protocol;
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        /** The same port with another number. */
        public PortDefinition withPort(int number) {
            return new PortDefinition(number, protocol, name, labels);
        }
    }

    /**
     * Rolling upgrade capacities as fractions of {@code instances}, both in [0, 1].
     *
     * @param minimumHealthCapacity share of instances that must stay healthy during an upgrade
     * @param maximumOverCapacity share of instances that may run on top of {@code instances}
     */
    public record UpgradeStrategy(double minimumHealthCapacity, double maximumOverCapacity) {
        /** Marathon's default (1.0, 1.0). */
        public static final UpgradeStrategy DEFAULT = new UpgradeStrategy(1.0, 1.0);
    }

    /**
     * When unreachable instances are replaced and expunged; {@code disabled} never replaces them.
     *
     * @param inactiveAfterSeconds seconds after which a replacement is started
     * @param expungeAfterSeconds seconds after which the instance is forgotten
     * @param disabled Marathon's {@code "disabled"} form
     */
    public record UnreachableStrategy(long inactiveAfterSeconds, long expungeAfterSeconds, boolean disabled) {
        /** Marathon's default for non-resident apps (0, 0). */
        public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(0, 0, false);
    }

    /**
     * A URI fetched into the sandbox.
     *
     * @param uri http, https or file URI
     * @param executable whether to chmod +x it
     * @param extract whether to extract archives
     * @param cache whether the agent may cache it
     * @param outputFile optional target name
     */
    public record FetchUri(String uri, boolean executable, boolean extract, boolean cache, String outputFile) {
    }

    /**
     * The container: {@code MESOS} or {@code DOCKER}; both run on the Mesos containerizer with the image.
     *
     * @param type {@code MESOS} or {@code DOCKER} as given
     * @param image the Docker image, or null
     * @param forcePullImage Marathon's flag, carried but unused
     * @param network Docker network mode as given, or null
     */
    public record ContainerDefinition(String type, String image, boolean forcePullImage, String network) {
    }

    /** Whether a change from {@code this} to {@code next} needs the tasks replaced (not only a scale). */
    public boolean isUpgradeTo(AppDefinition next) {
        return !withInstances(0).withVersions(null, null, null).equals(next.withInstances(0).withVersions(null, null, null));
    }

    /** The same definition with another instance count. */
    public AppDefinition withInstances(int count) {
        return new AppDefinition(id, cmd, args, user, env, count, cpus, mem, disk, gpus, constraints,
                acceptedResourceRoles, labels, portDefinitions, requirePorts, healthChecks, upgradeStrategy,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy, fetch,
                taskKillGracePeriodSeconds, container, dependencies, version, lastScalingAt, lastConfigChangeAt);
    }

    /** The same definition with other version stamps. */
    public AppDefinition withVersions(Instant newVersion, Instant scalingAt, Instant configChangeAt) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints,
                acceptedResourceRoles, labels, portDefinitions, requirePorts, healthChecks, upgradeStrategy,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy, fetch,
                taskKillGracePeriodSeconds, container, dependencies, newVersion, scalingAt, configChangeAt);
    }

    /** The same definition with other port definitions (service ports assigned). */
    public AppDefinition withPortDefinitions(List<PortDefinition> ports) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints,
                acceptedResourceRoles, labels, ports, requirePorts, healthChecks, upgradeStrategy,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy, fetch,
                taskKillGracePeriodSeconds, container, dependencies, version, lastScalingAt, lastConfigChangeAt);
    }

    /** Whether a task counts as ready only once healthy (it has checks). */
    public boolean hasHealthChecks() {
        return !healthChecks.isEmpty();
    }
}
