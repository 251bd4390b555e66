package io.strata.router;

import io.strata.router.proxy.ErrorResponses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the dashboard's static files from the classpath under {@value #ROOT} ({@code /} is {@code index.html}).
 * Only GET and HEAD; paths with {@code ..} or a backslash are refused; a missing file is a JSON 404.
 */
final class DashboardAssets {
    /** The classpath folder holding the dashboard. */
    static final String ROOT = "io/strata/router/ui/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");
    private final ClassLoader loader = DashboardAssets.class.getClassLoader();

    void handle(Request request, Response response, Callback callback, String path) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            ErrorResponses.write(response, callback, 405, null, "the dashboard answers GET and HEAD only");
            return;
        }
        String file = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(1);
        if (file.endsWith("/")) {
            file += "index.html";
        }
        if (file.contains("..") || file.contains("\\") || file.contains("%")) {
            ErrorResponses.write(response, callback, 404, null, "no dashboard file " + path);
            return;
        }
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                ErrorResponses.write(response, callback, 404, null, "no dashboard file " + path);
                return;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            ErrorResponses.write(response, callback, 500, null, "cannot read dashboard file " + path);
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type(file));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        boolean head = request.getMethod().equals("HEAD");
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
    }

    private static String type(String file) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
