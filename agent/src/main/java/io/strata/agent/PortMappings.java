package io.strata.agent;

import io.strata.agent.oci.NetworkMode;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of an image task ({@code host}, or {@code private} when a network_info names
 * {@value ImageContainers#PRIVATE_NETWORK}) and, on a private network, its port mappings and the environment that
 * names them. Pure.
 */
final class PortMappings {
    private PortMappings() {
    }

    /** The task's network mode: private when one of its network_infos is named {@code private}, else host. */
    static NetworkMode network(TaskInfo task) {
        ContainerInfo c = task.container();
        if (c.networkInfos() != null) {
            for (ContainerInfo.NetworkInfo n : c.networkInfos()) {
                if (n != null && ImageContainers.PRIVATE_NETWORK.equals(n.name())) {
                    return NetworkMode.PRIVATE;
                }
            }
        }
        return NetworkMode.HOST;
    }

    /**
     * (host port, container port) pairs of a private network; a mapping without a host port takes the task's
     * assigned ports in order. Host ports must be among the task's ports resources.
     */
    static List<int[]> of(Container c, NetworkMode network) {
        List<int[]> out = new ArrayList<>();
        if (network != NetworkMode.PRIVATE) {
            return out;
        }
        List<Long> assigned = new ArrayList<>();
        c.resources.ports().ranges().forEach(r -> {
            for (long p = r.begin(); p <= r.end() && assigned.size() < 1000; p++) {
                assigned.add(p);
            }
        });
        int next = 0;
        for (ContainerInfo.NetworkInfo n : c.task.container().networkInfos()) {
            if (n == null || !ImageContainers.PRIVATE_NETWORK.equals(n.name()) || n.portMappings() == null) {
                continue;
            }
            for (ContainerInfo.NetworkInfo.PortMapping m : n.portMappings()) {
                long host = m.hostPort();
                if (host == 0) {
                    if (next >= assigned.size()) {
                        throw new IllegalArgumentException("port mapping to container port " + m.containerPort()
                                + " has no host port and the task has no ports resource left to take one from");
                    }
                    host = assigned.get(next++);
                } else if (!c.resources.ports().contains(host)) {
                    throw new IllegalArgumentException("host port " + host + " of the port mapping is not among "
                            + "the task's ports resources " + c.resources.ports());
                }
                if (m.containerPort() <= 0 || m.containerPort() > 65535) {
                    throw new IllegalArgumentException("container port " + m.containerPort() + " is out of range");
                }
                out.add(new int[] {(int) host, (int) m.containerPort()});
            }
        }
        return out;
    }

    /**
     * The container's environment. On a private network the process listens on its container ports, so
     * {@code PORT}, {@code PORT0..n} name those and {@code HOST_PORT0..n} the forwarded host ports.
     */
    static Map<String, String> containerEnvironment(Map<String, String> env, NetworkMode network,
                                                            List<int[]> mappings) {
        if (network != NetworkMode.PRIVATE) {
            return env;
        }
        Map<String, String> out = new LinkedHashMap<>(env);
        out.keySet().removeIf(k -> k.equals("PORT") || k.equals("PORTS") || k.matches("PORT[0-9]+"));
        for (int i = 0; i < mappings.size(); i++) {
            out.put("PORT" + i, String.valueOf(mappings.get(i)[1]));
            out.put("HOST_PORT" + i, String.valueOf(mappings.get(i)[0]));
        }
        if (!mappings.isEmpty()) {
            out.put("PORT", String.valueOf(mappings.get(0)[1]));
        }
        return out;
    }
}
