package io.strata.store;

import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;

/** Validation and joining of the relative znode paths that callers hand to the store. */
final class StorePaths {

    private StorePaths() {
    }

    /**
     * Checks a relative object path such as {@code tasks/<frameworkId>/<taskId>} and returns the absolute path.
     *
     * @throws IllegalArgumentException if the path is malformed or names a znode reserved for leader election
     */
    static String resolve(String basePath, String relativePath) {
        if (relativePath == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        String problem = relativeProblem(relativePath);
        if (problem != null) {
            throw new IllegalArgumentException("store path '" + relativePath + "' " + problem);
        }
        return basePath + "/" + relativePath;
    }

    /** Returns why {@code path} cannot be a base path (absolute, below the root, no trailing '/'), or null. */
    static String baseProblem(String path) {
        if (!path.startsWith("/")) {
            return "must start with '/'";
        }
        if (path.equals("/")) {
            return "must name a znode below the root";
        }
        if (path.endsWith("/")) {
            return "must not end with '/'";
        }
        return segmentProblem(path.substring(1));
    }

    /** Returns the parent of an absolute path, or null for a direct child of the root. */
    static String parent(String absolutePath) {
        int slash = absolutePath.lastIndexOf('/');
        return slash <= 0 ? null : absolutePath.substring(0, slash);
    }

    private static String relativeProblem(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "must be relative (no leading '/')";
        }
        if (path.endsWith("/")) {
            return "must not end with '/'";
        }
        String first = path.split("/", 2)[0];
        if (first.equals(Epoch.ZNODE_NAME) || first.startsWith(LeaderContender.MEMBER_PREFIX)) {
            return "names '" + first + "', which is reserved for leader election";
        }
        return segmentProblem(path);
    }

    /** Returns why a slash-separated list of znode names is invalid, or null when every name is valid. */
    static String segmentProblem(String segments) {
        for (String segment : segments.split("/", -1)) {
            if (segment.isEmpty()) {
                return "contains an empty segment ('//')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "contains the segment '" + segment + "'";
            }
            for (int i = 0; i < segment.length(); i++) {
                if (!isAllowed(segment.charAt(i))) {
                    return "contains the character U+%04X, which ZooKeeper forbids".formatted((int) segment.charAt(i));
                }
            }
        }
        return null;
    }

    /** ZooKeeper's rule (PathUtils.validatePath): no control characters, no surrogates/private use, no specials. */
    private static boolean isAllowed(char c) {
        return !(c <= '\u001f'
                || (c >= '\u007f' && c <= '\u009f')
                || (c >= '\ud800' && c <= '\uf8ff')
                || c >= '\ufff0');
    }
}
