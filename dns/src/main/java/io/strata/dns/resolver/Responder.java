package io.strata.dns.resolver;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one DNS packet from the current {@link Zone}, as Mesos-DNS's resolver does: authoritative answers for
 * our domains (A, SRV with the targets' A records as additional data, SOA and NS at the apex, ANY), several
 * records of a name in random order; names outside our domains are forwarded when resolvers exist (else
 * REFUSED). A name we do not have gets NXDOMAIN with the SOA; a name we have without the asked type gets an
 * empty NOERROR with the SOA (RFC 2308). Malformed packets get FORMERR when they carry an id, else nothing;
 * opcodes other than QUERY get NOTIMP. Thread-safe and allocation-light: it reads an immutable zone.
 */
public final class Responder {
    /** Largest UDP answer without EDNS (RFC 1035). */
    static final int CLASSIC_UDP = 512;
    /** Largest UDP answer we send even when a client advertises more. */
    static final int MAX_UDP = 4096;
    /** The payload size we advertise in EDNS answers. */
    static final int ADVERTISED_UDP = 1232;
    private static final int HEADER = 12;
    /** Record sets larger than this are shuffled per query instead of memoised per rotation. */
    static final int MAX_ROTATIONS = 8;

    private final Supplier<Zone> zones;
    private final boolean forwarding;

    /** A responder reading {@code zones}; {@code forwarding} says whether other names may be forwarded. */
    public Responder(Supplier<Zone> zones, boolean forwarding) {
        this.zones = zones;
        this.forwarding = forwarding;
    }

    /** The answer to {@code length} bytes of {@code packet}, received over UDP ({@code udp}) or TCP. */
    public Answer answer(byte[] packet, int length, boolean udp) {
        Zone zone = zones.get();
        AnswerCache.Key key = udp ? AnswerCache.key(packet, length) : null;
        if (key != null) {
            byte[] cached = zone.answers().answer(key, packet, length);
            if (cached != null) {
                return new Answer.Reply(cached);
            }
        }
        Message query;
        try {
            query = new Message(length == packet.length ? packet : java.util.Arrays.copyOf(packet, length));
        } catch (IOException | RuntimeException e) {
            return formatError(packet, length);
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return Answer.DROP;
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return new Answer.Reply(error(query, Rcode.NOTIMP).toWire(CLASSIC_UDP));
        }
        Record question = query.getQuestion();
        if (question == null || query.getHeader().getCount(Section.QUESTION) != 1) {
            return new Answer.Reply(error(query, Rcode.FORMERR).toWire(CLASSIC_UDP));
        }
        int maxSize = udp ? udpSize(query) : 65_535;
        Zone.Domain domain = zone.authority(question.getName());
        if (domain == null) {
            if (forwarding && question.getDClass() == DClass.IN) {
                return new Answer.Forward(query, maxSize);
            }
            return new Answer.Reply(error(query, Rcode.REFUSED).toWire(maxSize));
        }
        int rotations = rotations(zone.entry(question.getName()), question.getType());
        if (key == null || rotations > MAX_ROTATIONS) {
            return new Answer.Reply(authoritative(query, question, zone, domain, -1).toWire(maxSize));
        }
        byte[][] wires = new byte[rotations][];
        for (int r = 0; r < rotations; r++) {
            wires[r] = authoritative(query, question, zone, domain, r).toWire(maxSize);
        }
        zone.answers().store(key, wires);
        return new Answer.Reply(wires[java.util.concurrent.ThreadLocalRandom.current().nextInt(rotations)]);
    }

    /** How many orders the answer has: the size of its largest record set (1 when nothing is reordered). */
    private static int rotations(Zone.Entry entry, int type) {
        if (entry == null) {
            return 1;
        }
        int a = type == Type.A || type == Type.ANY ? entry.a().length : 1;
        int srv = type == Type.SRV || type == Type.ANY ? entry.srv().length : 1;
        return Math.max(1, Math.max(a, srv));
    }

    /** The authoritative answer; record sets in rotation {@code rotation}, or shuffled when it is negative. */
    private Message authoritative(Message query, Record question, Zone zone, Zone.Domain domain, int rotation) {
        Message reply = reply(query);
        reply.getHeader().setFlag(Flags.AA);
        Name name = question.getName();
        int type = question.getType();
        Zone.Entry entry = zone.entry(name);
        boolean apex = name.equals(domain.name());
        if (type == Type.A || type == Type.ANY) {
            if (entry != null) {
                addOrdered(reply, entry.a(), Section.ANSWER, rotation);
            }
        }
        if (type == Type.SRV || type == Type.ANY) {
            if (entry != null && entry.srv().length > 0) {
                addOrdered(reply, entry.srv(), Section.ANSWER, rotation);
                for (Record r : entry.srvTargets()) {
                    reply.addRecord(r, Section.ADDITIONAL);
                }
            }
        }
        if (apex && (type == Type.SOA || type == Type.ANY)) {
            reply.addRecord(domain.soa(), Section.ANSWER);
        }
        if (apex && (type == Type.NS || type == Type.ANY)) {
            reply.addRecord(domain.ns(), Section.ANSWER);
            Zone.Entry ns = zone.entry(domain.ns().getTarget());
            if (ns != null) {
                for (Record r : ns.a()) {
                    reply.addRecord(r, Section.ADDITIONAL);
                }
            }
        }
        if (reply.getHeader().getCount(Section.ANSWER) == 0) {
            if (entry == null && !apex) {
                reply.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            reply.addRecord(domain.soa(), Section.AUTHORITY);
        }
        return reply;
    }

    /**
     * Adds records rotated by {@code rotation}, or in random order when it is negative (Mesos-DNS's
     * rudimentary load balancing).
     */
    private static void addOrdered(Message reply, Record[] records, int section, int rotation) {
        int n = records.length;
        if (n == 1) {
            reply.addRecord(records[0], section);
            return;
        }
        if (rotation >= 0) {
            for (int i = 0; i < n; i++) {
                reply.addRecord(records[(i + rotation) % n], section);
            }
            return;
        }
        Record[] copy = records.clone();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Record t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        for (Record r : copy) {
            reply.addRecord(r, section);
        }
    }

    /** A reply skeleton: same id, QR, the question, RD echoed, RA when forwarding, EDNS when asked. */
    private Message reply(Message query) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        if (forwarding) {
            reply.getHeader().setFlag(Flags.RA);
        }
        Record question = query.getQuestion();
        if (question != null) {
            reply.addRecord(question, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            reply.addRecord(new OPTRecord(ADVERTISED_UDP, 0, 0), Section.ADDITIONAL);
        }
        return reply;
    }

    /** A reply with only an rcode. */
    Message error(Message query, int rcode) {
        Message reply = reply(query);
        reply.getHeader().setRcode(rcode);
        return reply;
    }

    /** SERVFAIL for a forwarded query whose upstreams failed. */
    public byte[] serverFailure(Message query, int maxSize) {
        return error(query, Rcode.SERVFAIL).toWire(maxSize);
    }

    /** The upstream answer to a forwarded query, under the client's id and size limit. */
    public static byte[] forwarded(Message query, Message upstream, int maxSize) {
        upstream.getHeader().setID(query.getHeader().getID());
        return upstream.toWire(maxSize);
    }

    private static int udpSize(Message query) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return CLASSIC_UDP;
        }
        return Math.max(CLASSIC_UDP, Math.min(MAX_UDP, opt.getPayloadSize()));
    }

    /** FORMERR with the packet's id and opcode when it has a whole header; nothing otherwise. */
    private static Answer formatError(byte[] packet, int length) {
        if (length < HEADER || (packet[2] & 0x80) != 0) {
            return Answer.DROP;
        }
        byte[] out = new byte[HEADER];
        out[0] = packet[0];
        out[1] = packet[1];
        out[2] = (byte) (0x80 | (packet[2] & 0x78)); // QR + the query's opcode
        out[3] = (byte) Rcode.FORMERR;
        return new Answer.Reply(out);
    }
}
