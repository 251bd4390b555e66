package io.strata.master.engine;

import io.strata.api.mesos.Address;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.scheduler.Event;
import io.strata.core.allocator.OfferProposal;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.OfferEntry;
import io.strata.server.wire.ResourceWire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns allocator proposals into offers, and offers back into allocator resources when they are declined,
 * rescinded, expire or are partly used.
 */
public final class Offers {
    private final MasterContext ctx;

    public Offers(MasterContext ctx) {
        this.ctx = ctx;
    }

    /** Runs a batch allocation and sends the resulting offers. */
    public void allocate() {
        long start = System.nanoTime();
        List<OfferProposal> proposals = ctx.allocator.allocate(ctx.nowMillis());
        send(proposals);
        ctx.count("allocator/mesos/allocation_runs");
        ctx.lastAllocationMillis = (System.nanoTime() - start) / 1e6;
    }

    /** Runs an allocation over one agent (on registration). */
    public void allocateAgent(AgentEntry agent) {
        send(ctx.allocator.allocateAgent(agent.id.value(), ctx.nowMillis()));
    }

    private void send(List<OfferProposal> proposals) {
        if (proposals.isEmpty()) {
            return;
        }
        long now = ctx.nowMillis();
        long timeout = ctx.config.offerTimeout().toMillis();
        Map<FrameworkEntry, List<Offer>> byFramework = new LinkedHashMap<>();
        for (OfferProposal p : proposals) {
            FrameworkEntry f = ctx.registry.frameworks.get(p.frameworkId());
            AgentEntry a = ctx.registry.agents.get(p.agentId());
            if (f == null || a == null || !f.connected || !a.offerable()) {
                // stale proposal: give the resources straight back
                ctx.allocator.recover(p.frameworkId(), p.agentId(), p.resources(), 0);
                continue;
            }
            OfferId id = ctx.registry.newOfferId();
            OfferEntry entry = new OfferEntry(id, f.id, a.id, p.resources(), now, timeout > 0 ? now + timeout : 0);
            ctx.registry.offers.put(id.value(), entry);
            f.offers.put(id, entry);
            a.offered = a.offered.plus(p.resources());
            byFramework.computeIfAbsent(f, k -> new ArrayList<>()).add(toWire(entry, a));
        }
        byFramework.forEach((f, offers) -> {
            ctx.count("master/messages_resource_offers");
            ctx.send(f, Event.offers(offers));
        });
    }

    private static Offer toWire(OfferEntry o, AgentEntry a) {
        return new Offer(o.id(), o.frameworkId(), o.agentId(), a.info.hostname(),
                new Offer.Url("http", new Address(a.info.hostname(), a.info.hostname(), a.info.port()), "/slave(1)"),
                ResourceWire.toWire(o.resources()), ResourceWire.toWire(a.attributes),
                // as Mesos: the framework's executors already running on this agent
                a.executors.values().stream().filter(e -> e.frameworkId.equals(o.frameworkId()))
                        .map(e -> e.info.executorId()).toList());
    }

    /** Removes an offer from the books (used, declined or rescinded); returns its entry. */
    public OfferEntry remove(OfferEntry o) {
        ctx.registry.offers.remove(o.id().value());
        ctx.registry.framework(o.frameworkId()).ifPresent(f -> f.offers.remove(o.id()));
        ctx.registry.agent(o.agentId()).ifPresent(a -> a.offered = a.offered.minus(o.resources()));
        return o;
    }

    /** Returns resources of a framework on an agent to the allocator, filtered for refuseSeconds if > 0. */
    public void recover(OfferEntry o, Resources resources, double refuseSeconds) {
        long until = refuseSeconds > 0 ? ctx.nowMillis() + (long) (refuseSeconds * 1000) : 0;
        if (!resources.isEmpty()) {
            ctx.allocator.recover(o.frameworkId().value(), o.agentId().value(), resources, until);
        }
        ctx.requestAllocation();
    }

    /** Rescinds an offer: the framework is told, the resources go back without a filter. */
    public void rescind(OfferEntry o) {
        remove(o);
        ctx.registry.framework(o.frameworkId()).ifPresent(f -> ctx.send(f, Event.rescind(o.id())));
        recover(o, o.resources(), 0);
    }

    /** Rescinds every offer of a framework. */
    public void rescindAll(FrameworkEntry f) {
        for (OfferEntry o : List.copyOf(f.offers.values())) {
            rescind(o);
        }
    }

    /** Rescinds every offer on an agent. */
    public void rescindAll(AgentEntry a) {
        for (OfferEntry o : List.copyOf(ctx.registry.offers.values())) {
            if (o.agentId().equals(a.id)) {
                rescind(o);
            }
        }
    }

    /** Rescinds offers older than the offer timeout. */
    public void expire() {
        long now = ctx.nowMillis();
        for (OfferEntry o : List.copyOf(ctx.registry.offers.values())) {
            if (o.expiresMillis() > 0 && o.expiresMillis() <= now) {
                rescind(o);
            }
        }
    }
}
