package io.strata.store.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records leadership transitions as strings like {@code elected 2} and {@code lost <reason>}, in order. */
final class RecordingListener implements LeadershipListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void elected(Epoch epoch) {
        events.add("elected " + epoch.value());
    }

    @Override
    public void lost(String reason) {
        events.add("lost " + reason);
    }

    List<String> events() {
        return List.copyOf(events);
    }
}
