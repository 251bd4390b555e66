package io.strata.master.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.recordio.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A subscription POST whose response is a RecordIO event stream, read on a virtual thread into a list of JSON
 * events. Each stream has its own {@link HttpClient} so that {@link #close} cuts exactly its connection.
 *
 * <p>When the answer is not 200 the body is kept in {@link #errorBody} and no events are read.
 */
public final class RecordIoStream implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final HttpResponse<InputStream> response;
    private final String errorBody;
    private volatile boolean ended;
    private final Consumer<JsonNode> listener;

    /** Opens a stream; returns once the response headers arrived. */
    public static RecordIoStream open(String url, String body) {
        return new RecordIoStream(url, body, e -> { });
    }

    /** Opens a stream and hands every event to listener on the reader thread (set before reading starts). */
    public static RecordIoStream open(String url, String body, Consumer<JsonNode> listener) {
        return new RecordIoStream(url, body, listener);
    }

    private RecordIoStream(String url, String body, Consumer<JsonNode> listener) {
        this.listener = listener;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                errorBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ended = true;
            return;
        }
        errorBody = null;
        Thread.ofVirtual().name("recordio-reader").start(this::read);
    }

    private void read() {
        try (InputStream in = response.body()) {
            while (true) {
                Optional<byte[]> record = RecordIo.read(in);
                if (record.isEmpty()) {
                    break;
                }
                JsonNode event = Http.json(new String(record.get(), StandardCharsets.UTF_8));
                events.add(event);
                listener.accept(event);
            }
        } catch (IOException | RuntimeException e) {
            // closed by either side
        } finally {
            ended = true;
        }
    }

    /** The HTTP status of the subscription answer. */
    public int status() {
        return response.statusCode();
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return response.headers();
    }

    /** The body of a non-200 answer, else null. */
    public String errorBody() {
        return errorBody;
    }

    /** Every event read so far, in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Events of one type read so far. */
    public List<JsonNode> events(String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** Waits for an event of the type matching the predicate and returns the first such. */
    public JsonNode await(String type, Predicate<JsonNode> matching) {
        return Awaitility.await("event " + type).atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> events(type).stream().filter(matching).findFirst(), Optional::isPresent).get();
    }

    /** Waits for the first event of a type. */
    public JsonNode await(String type) {
        return await(type, e -> true);
    }

    /** Whether the server or the client ended the stream. */
    public boolean ended() {
        return ended;
    }

    /** Waits until the stream has ended. */
    public void awaitEnded() {
        Awaitility.await("stream end").atMost(WAIT).until(this::ended);
    }

    /** The value of a header, if present. */
    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** Cuts the connection. */
    @Override
    public void close() {
        client.shutdownNow();
        ended = true;
    }
}
