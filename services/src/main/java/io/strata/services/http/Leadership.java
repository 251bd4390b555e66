package io.strata.services.http;

import io.strata.services.engine.ServicesEngine;
import java.util.Optional;

/** What the API needs to know about leader election: the engine while leading, else where the leader is. */
public interface Leadership {
    /** The running engine while this instance leads, else empty. */
    Optional<ServicesEngine> engine();

    /** The leader's {@code host:port}, if one is known (this instance's own while leading). */
    Optional<String> leader();
}
