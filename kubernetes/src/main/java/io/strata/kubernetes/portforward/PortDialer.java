package io.strata.kubernetes.portforward;

import java.io.IOException;

/** Opens connections to a port of one pod (the "connect to the pod's port" step of port-forward). */
@FunctionalInterface
public interface PortDialer {

    /**
     * Connects to {@code port} (1..65535) of the pod; the pod's bytes go to {@code receiver}.
     *
     * @throws IOException when the port cannot be reached; its message is shown to the kubectl user
     */
    PortConnection dial(int port, PortConnection.Receiver receiver) throws IOException;
}
