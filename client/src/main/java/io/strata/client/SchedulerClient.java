package io.strata.client;

import io.strata.api.json.BadJsonException;
import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.recordio.RecordIo;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mesos v1 scheduler API client ({@code POST /api/v1/scheduler}, JSON encoding) for one subscription.
 *
 * <p>Lifecycle: NEW, then {@link #subscribe} (once) opens the event stream, read by one platform daemon thread
 * that hands each RecordIO-framed {@link Event} to the {@link EventListener} (a platform thread wakes as soon as
 * the HTTP client's selector hands it a record, where a virtual one waited for a free carrier: on a loaded
 * 2-core machine that was a millisecond of every TASK_RUNNING's way to the framework); {@link #call} posts every
 * other call on a kept-alive connection of its own with the {@code Mesos-Stream-Id} header; {@link #close} (idempotent) ends the stream.
 * A 307 from a non-leading master is followed, and later calls go to the master that accepted the
 * subscription. There is no reconnection: a broken stream is reported to the listener.
 *
 * <p>Thread-safe: {@link #call} may be used from any thread, including the listener's.
 */
public final class SchedulerClient implements AutoCloseable {
    /** The header carrying the subscription's stream id. */
    public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";
    static final String PATH = "/api/v1/scheduler";
    static final String BATCH_SUFFIX = "/batch";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerClient.class);
    private static final String JSON = "application/json";

    private enum State { NEW, SUBSCRIBED, CLOSED }

    private final URI master;
    private final HttpTransport transport;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicReference<FrameworkId> frameworkId = new AtomicReference<>();
    private volatile URI endpoint;
    private volatile String streamId;
    private volatile InputStream stream;
    private volatile Thread reader;
    /** Calls to an {@code http://} endpoint: one write per request on a kept-alive connection; null until needed. */
    private final PosterSlot posters = new PosterSlot(Duration.ofSeconds(5), Duration.ofSeconds(75));

    /** A client for the master at {@code master}; nothing is sent before {@link #subscribe}. */
    public SchedulerClient(URI master, HttpTransport transport) {
        this.master = MasterLocator.withoutTrailingSlash(master);
        this.transport = transport;
        this.endpoint = URI.create(this.master + PATH);
    }

    /** A client with its own transport. */
    public static SchedulerClient of(URI master) {
        return new SchedulerClient(master, HttpTransport.create());
    }

    /**
     * Sends SUBSCRIBE and returns once the master accepted it (200 and its headers), with the stream id; the
     * events, SUBSCRIBED first, then arrive on {@code listener}.
     *
     * @throws IllegalStateException if this client already subscribed or was closed
     * @throws StrataClientException if the master is unreachable or refuses the subscription
     */
    public String subscribe(FrameworkInfo info, EventListener listener) {
        if (!state.compareAndSet(State.NEW, State.SUBSCRIBED)) {
            throw new IllegalStateException("subscribe() may be called once, before close(); state " + state.get());
        }
        HttpTransport.StreamReply reply = transport.postStream(endpoint, JSON,
                Json.toBytes(Call.subscribe(info)), Map.of("Accept", JSON));
        String id = reply.headers().firstValue(STREAM_ID_HEADER).orElse(null);
        if (id == null) {
            closeQuietly(reply.body());
            throw StrataClientException.protocol(reply.uri(), "SUBSCRIBE answered without " + STREAM_ID_HEADER, null);
        }
        endpoint = reply.uri();
        streamId = id;
        stream = reply.body();
        if (info.id() != null) {
            frameworkId.set(info.id());
        }
        reader = Thread.ofPlatform().daemon().name("strata-scheduler-stream").start(() -> read(reply, listener));
        if (state.get() == State.CLOSED) {
            closeQuietly(stream); // close() raced with subscribe(): do not leave the stream open
        }
        return id;
    }

    /**
     * Posts a call other than SUBSCRIBE; the master answers 202 Accepted.
     *
     * <p>To an {@code http://} master the call goes through a {@link KeepAlivePoster} (request in one write, answer
     * read on the calling thread: ACCEPT is on every launch's path), which may send it a second time only when a
     * kept-alive connection turns out closed before any answer; a redirect is then followed by the transport.
     *
     * @throws IllegalStateException before {@link #subscribe}
     * @throws StrataClientException with the master's plain-text error (400 bad call, 403 not subscribed, ...)
     */
    public void call(Call call) {
        String id = streamId;
        if (id == null) {
            throw new IllegalStateException("call() before subscribe()");
        }
        URI target = endpoint;
        byte[] body = Json.toBytes(call);
        Map<String, String> headers = Map.of("Accept", JSON, STREAM_ID_HEADER, id);
        KeepAlivePoster direct = posterFor(target);
        if (direct != null) {
            KeepAlivePoster.Response r;
            try {
                r = direct.post(target.getRawPath(), JSON, body, headers);
            } catch (IOException e) {
                throw StrataClientException.unreachable(target, e);
            }
            if (r.status() / 100 == 2) {
                return;
            }
            if (r.status() / 100 != 3) {
                throw StrataClientException.http(target, r.status(), r.text());
            }
            // a redirect (no longer the leader): the transport follows it
        }
        transport.post(target, JSON, body, headers);
    }

    /** The poster for {@code target}'s server; null for non-http endpoints or a closed client. */
    private synchronized KeepAlivePoster posterFor(URI target) {
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null || target.getRawQuery() != null
                || state.get() == State.CLOSED) {
            return null;
        }
        return posters.to(URI.create("http://" + target.getRawAuthority()));
    }

    /**
     * Posts several non-SUBSCRIBE calls of this framework as one request of Strata's batch extension
     * ({@code POST /api/v1/scheduler/batch}): the master applies each as if posted alone, in order, and a failing
     * call does not stop the others. A Mesos master does not have this endpoint (404): use {@link #call} there, or
     * {@link CallBatcher}, which falls back by itself.
     *
     * @throws IllegalStateException before {@link #subscribe}
     * @throws StrataClientException when any call failed: the first failure's status, the body lists each one
     */
    public void callAll(List<Call> calls) {
        String id = streamId;
        if (id == null) {
            throw new IllegalStateException("callAll() before subscribe()");
        }
        if (calls.isEmpty()) {
            return;
        }
        transport.post(URI.create(endpoint + BATCH_SUFFIX), JSON, Json.toBytes(calls),
                Map.of("Accept", JSON, STREAM_ID_HEADER, id));
    }

    /** The framework id: the one subscribed with, else the one SUBSCRIBED assigned; empty before that. */
    public Optional<FrameworkId> frameworkId() {
        return Optional.ofNullable(frameworkId.get());
    }

    /** The scheduler endpoint of the master that accepted the subscription (the leader after a 307). */
    public URI endpoint() {
        return endpoint;
    }

    /** Ends the stream and waits briefly for the reader thread; idempotent. Sends nothing (no TEARDOWN). */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        synchronized (this) {
            posters.close();
        }
        InputStream in = stream;
        if (in != null) {
            closeQuietly(in);
        }
        Thread thread = reader;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read(HttpTransport.StreamReply reply, EventListener listener) {
        StrataClientException cause;
        try (InputStream in = new BufferedInputStream(reply.body())) {
            cause = pump(in, reply.uri(), listener);
        } catch (IOException e) {
            cause = StrataClientException.protocol(reply.uri(), "event stream broke: " + e.getMessage(), e);
        }
        if (state.get() != State.CLOSED) {
            listener.onStreamEnded(cause);
        }
    }

    /** Reads records until the stream ends; returns why it ended. */
    private StrataClientException pump(InputStream in, URI uri, EventListener listener) throws IOException {
        while (state.get() != State.CLOSED) {
            Optional<byte[]> record = RecordIo.read(in);
            if (record.isEmpty()) {
                return StrataClientException.protocol(uri, "the master closed the event stream", null);
            }
            Event event;
            try {
                event = Json.parse(record.get(), Event.class);
            } catch (BadJsonException e) {
                return StrataClientException.protocol(uri, "malformed event: " + e.getMessage(), e);
            }
            if (event.type() == Event.Type.SUBSCRIBED && event.subscribed() != null) {
                frameworkId.set(event.subscribed().frameworkId());
            }
            deliver(listener, event);
        }
        return null;
    }

    private static void deliver(EventListener listener, Event event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("event listener failed on {}; the stream goes on", event.type(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only releases the connection
        }
    }
}
