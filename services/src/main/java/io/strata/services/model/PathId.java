package io.strata.services.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Marathon path id such as {@code /product/service/web}: absolute, segments matching Marathon's segment pattern.
 *
 * <p>The root is {@code /} with no segments. {@link #safeId()} gives the task-id prefix ({@code product_service_web})
 * and {@link #toHostname()} the Mesos task name ({@code web.service.product}).
 *
 * @param segments the path's segments, outermost first
 */
public record PathId(List<String> segments) implements Comparable<PathId> {

    /** Marathon's segment pattern (PathId.scala). */
    public static final Pattern SEGMENT =
            Pattern.compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$");
    /** The root group. */
    public static final PathId ROOT = new PathId(List.of());

    /** Validates every segment. */
    public PathId {
        segments = List.copyOf(segments);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("path contains invalid characters (allowed: lowercase letters, "
                        + "digits, hyphens, \".\", \"..\"): " + segment);
            }
        }
    }

    /**
     * Parses {@code text}, resolving a relative id against {@code base}; {@code ..} and {@code .} are honoured.
     *
     * @throws IllegalArgumentException naming the offending segment
     */
    public static PathId parse(String text, PathId base) {
        Objects.requireNonNull(text, "text");
        List<String> out = new ArrayList<>(text.startsWith("/") ? List.of() : base.segments);
        for (String part : text.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(part);
        }
        return new PathId(out);
    }

    /** Parses an absolute or root-relative id. */
    public static PathId parse(String text) {
        return parse(text, ROOT);
    }

    /** Whether this is the root group. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The enclosing group; the root's parent is the root. */
    public PathId parent() {
        return segments.isEmpty() ? this : new PathId(segments.subList(0, segments.size() - 1));
    }

    /** Whether {@code other} equals this or lies below it. */
    public boolean contains(PathId other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** The child path with one more segment. */
    public PathId child(String segment) {
        List<String> out = new ArrayList<>(segments);
        out.add(segment);
        return new PathId(out);
    }

    /** The task-id prefix: the path without its leading slash, with slashes replaced by underscores. */
    public String safeId() {
        return String.join("_", segments);
    }

    /** The Mesos task name: segments reversed, joined with dots ({@code /a/b/web} gives {@code web.b.a}). */
    public String toHostname() {
        List<String> reversed = new ArrayList<>(segments);
        Collections.reverse(reversed);
        return String.join(".", reversed);
    }

    /** The inverse of {@link #safeId()}. */
    public static PathId fromSafeId(String safeId) {
        return safeId.isEmpty() ? ROOT : new PathId(List.of(safeId.split("_")));
    }

    @Override
    public int compareTo(PathId other) {
        return toString().compareTo(other.toString());
    }

    /** The absolute form, e.g. {@code /product/web}. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
