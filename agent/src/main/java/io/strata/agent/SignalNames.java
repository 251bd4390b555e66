package io.strata.agent;

/** Names of common signals, as strsignal(3) prints them (Mesos messages use these). */
final class SignalNames {
    private SignalNames() {
    }

    static String name(int signal) {
        return switch (signal) {
            case 1 -> "Hangup";
            case 2 -> "Interrupt";
            case 3 -> "Quit";
            case 6 -> "Aborted";
            case 9 -> "Killed";
            case 11 -> "Segmentation fault";
            case 13 -> "Broken pipe";
            case 14 -> "Alarm clock";
            case 15 -> "Terminated";
            default -> "Signal " + signal;
        };
    }
}
