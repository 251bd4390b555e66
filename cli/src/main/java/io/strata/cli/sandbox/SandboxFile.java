package io.strata.cli.sandbox;

import io.strata.client.AgentClient;
import io.strata.client.FileChunk;
import io.strata.client.StrataClientException;
import java.util.function.Consumer;

/**
 * One file of a sandbox, read in chunks through {@code /files/read}; offsets are bytes. Not thread-safe:
 * one reader per instance.
 */
public final class SandboxFile {
    /** Bytes asked for per request. */
    static final int CHUNK_BYTES = 64 * 1024;
    private static final int FIRST_TAIL_WINDOW = 8 * 1024;

    private final AgentClient agent;
    private final String path;

    /** The file at absolute {@code path} on {@code agent}. */
    public SandboxFile(AgentClient agent, String path) {
        this.agent = agent;
        this.path = path;
    }

    /** The last lines of a file and the offset just past what was read. */
    public record Tail(String text, long end) {
    }

    /**
     * Reads from {@code offset} until the agent returns no more data, handing each piece to {@code sink}.
     *
     * @return the offset after the last byte read
     */
    public long drain(long offset, Consumer<String> sink) {
        long position = offset;
        while (true) {
            FileChunk chunk = agent.read(path, position, CHUNK_BYTES);
            if (chunk.data().isEmpty()) {
                return position;
            }
            sink.accept(chunk.data());
            position = chunk.end();
        }
    }

    /**
     * The last {@code lines} lines of the file (fewer if it has fewer); a final line without a newline counts.
     * Reads a window from the end, doubling it until it holds enough lines.
     */
    public Tail tail(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative: " + lines);
        }
        long size = size();
        long window = FIRST_TAIL_WINDOW;
        while (true) {
            long start = Math.max(0, size - window);
            StringBuilder text = new StringBuilder();
            long end = drain(start, text::append);
            if (start == 0 || newlinesBeforeLastLine(text) >= lines) {
                return new Tail(lastLines(text.toString(), lines), end);
            }
            window *= 2;
        }
    }

    /**
     * The file's size: {@code /files/read} at offset -1 as Mesos answers it; agents that refuse -1 (400) are
     * read through once instead.
     */
    long size() {
        try {
            return agent.size(path);
        } catch (StrataClientException e) {
            if (e.code() != StrataClientException.Code.BAD_REQUEST) {
                throw e;
            }
            return drain(0, ignored -> { });
        }
    }

    /** The last {@code n} lines of {@code text}: everything after the n-th newline from the end. */
    static String lastLines(String text, int n) {
        if (n == 0) {
            return "";
        }
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int count = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n' && ++count == n) {
                return text.substring(i + 1);
            }
        }
        return text;
    }

    private static int newlinesBeforeLastLine(CharSequence text) {
        int end = text.length() > 0 && text.charAt(text.length() - 1) == '\n' ? text.length() - 1 : text.length();
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
