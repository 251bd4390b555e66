package io.strata.kubernetes.spdy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The SPDY/3 header compression dictionary (draft 3, section 2.6.10.1): 1,423 bytes, Adler-32 {@code 0xe3c6a7c2}.
 * It is built from the spec's structure rather than spelled out byte by byte: a list of common header names and
 * values, each preceded by its 4-byte big-endian length, then a run of plain text (status codes and lines, dates,
 * media types). A single wrong byte makes every peer's inflate fail, so a test pins the length and checksum.
 */
public final class SpdyDictionary {

    private static final List<String> WORDS = List.of(
            "options", "head", "post", "put", "delete", "trace", "accept", "accept-charset", "accept-encoding",
            "accept-language", "accept-ranges", "age", "allow", "authorization", "cache-control", "connection",
            "content-base", "content-encoding", "content-language", "content-length", "content-location",
            "content-md5", "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host",
            "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified",
            "location", "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "range", "referer",
            "retry-after", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "vary", "via",
            "warning", "www-authenticate", "method", "get", "status", "200 OK", "version", "HTTP/1.1", "url",
            "public", "set-cookie", "keep-alive", "origin");

    private static final String TEXT = "100101201202205206300302303304305306307402405406407408409410411412413414"
            + "415416417502504505203 Non-Authoritative Information204 No Content301 Moved Permanently"
            + "400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error"
            + "501 Not Implemented503 Service Unavailable"
            + "Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT"
            + "chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,"
            + "text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

    private static final byte[] BYTES = build();

    private SpdyDictionary() {
    }

    /** A fresh copy of the dictionary bytes. */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    private static byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1423);
        for (String word : WORDS) {
            byte[] b = word.getBytes(StandardCharsets.US_ASCII);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.writeBytes(TEXT.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
