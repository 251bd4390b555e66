package io.strata.services.http;

import io.javalin.http.Context;
import io.strata.services.wire.MarathonException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Forwards a request a standby received to the leader, as Marathon's non-leaders do, and copies the answer back
 * (status, content type, body, Location). Requests carrying {@value #FORWARDED} are not forwarded again, so two
 * instances that each believe the other leads cannot loop.
 */
final class LeaderProxy {
    static final String FORWARDED = "X-Marathon-Via";
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    void forward(Context ctx, String leader) {
        if (ctx.header(FORWARDED) != null) {
            throw MarathonException.of(503, "Leader is changing; try again");
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + leader + ctx.path() + query))
                .timeout(Duration.ofSeconds(60)).header(FORWARDED, "1.1 strata-services");
        String type = ctx.header("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        String accept = ctx.header("Accept");
        if (accept != null) {
            request.header("Accept", accept);
        }
        String method = ctx.method().name();
        request.method(method, BODY_METHODS.contains(method)
                ? HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()) : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<byte[]> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            ctx.status(reply.statusCode());
            reply.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
            reply.headers().firstValue("Location").ifPresent(l -> ctx.header("Location", l));
            ctx.result(reply.body());
        } catch (IOException e) {
            throw MarathonException.of(503, "Could not reach the leader at " + leader + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MarathonException.of(503, "interrupted");
        }
    }
}
