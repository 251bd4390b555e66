/**
 * Launching and supervising task processes so that their true exit status survives an agent crash. Every task runs
 * under a small {@code /bin/sh} supervisor that joins the container's groups before anything executes, starts the
 * task, forwards SIGTERM/SIGINT/SIGQUIT to it, reaps it and atomically records its exit status in the run directory.
 * {@link io.strata.agent.launcher.ProcessLauncher} starts supervisors and re-attaches to them from a
 * {@link io.strata.agent.launcher.Checkpoint} after a restart; {@link io.strata.agent.launcher.RunningProcess} exposes
 * the pids, the exit future and signals; {@link io.strata.agent.launcher.Killer} escalates SIGTERM, a grace period and
 * a kill of the whole group. Signal deaths are reported as {@code 128 + signal} (137 for SIGKILL and OOM kills).
 */
package io.strata.agent.launcher;
