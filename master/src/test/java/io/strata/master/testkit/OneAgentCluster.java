package io.strata.master.testkit;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What the scheduler-call tests share: ZooKeeper, a leading master whose offers never time out, one hollow agent
 * {@code a1} and a plain scheduler subscribed to it.
 */
public final class OneAgentCluster implements AutoCloseable {
    public final TestCluster cluster;
    public final Master master;
    public final FakeAgent agent;
    public final TestScheduler fw;

    private OneAgentCluster(TestCluster cluster, Master master, FakeAgent agent, TestScheduler fw) {
        this.cluster = cluster;
        this.master = master;
        this.agent = agent;
        this.fw = fw;
    }

    /** Starts all four with the master's defaults. */
    public static OneAgentCluster start() {
        return start(c -> c);
    }

    /** Starts all four, the master configured by {@code tune} on top of the zero offer timeout. */
    public static OneAgentCluster start(UnaryOperator<MasterConfig> tune) {
        TestCluster cluster = TestCluster.start();
        Master master = cluster.startLeader(c -> tune.apply(c.withOfferTimeout(Duration.ZERO)));
        FakeAgent agent = FakeAgent.standard(master.url(), "a1").subscribe();
        return new OneAgentCluster(cluster, master, agent, TestScheduler.subscribe(master.url(), TestScheduler.PLAIN));
    }

    /** Closes the scheduler, the agent, then the master and ZooKeeper. */
    @Override
    public void close() {
        fw.close();
        agent.close();
        cluster.close();
    }
}
