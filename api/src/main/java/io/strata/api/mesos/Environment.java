package io.strata.api.mesos;

import java.util.List;

/** Environment variables of a command. */
public record Environment(List<Variable> variables) {

    /** One variable. */
    public record Variable(String name, String value) {
    }
}
