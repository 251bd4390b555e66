package io.strata.api.mesos;

import java.util.List;

/** Labels as Mesos nests them: {@code {"labels": [{"key": .., "value": ..}]}}. */
public record Labels(List<Label> labels) {
}
