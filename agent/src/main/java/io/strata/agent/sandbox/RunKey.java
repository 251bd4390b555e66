package io.strata.agent.sandbox;

/** Identifies one executor run on one agent: the four ids that make up a sandbox path. */
public record RunKey(String agentId, String frameworkId, String executorId, String containerId) {

    /** Validates that every id is a safe single path segment. */
    public RunKey {
        SandboxLayout.requireSegment(agentId, "agentId");
        SandboxLayout.requireSegment(frameworkId, "frameworkId");
        SandboxLayout.requireSegment(executorId, "executorId");
        SandboxLayout.requireSegment(containerId, "containerId");
    }
}
