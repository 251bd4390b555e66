package io.strata.agent.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Objects;
import java.util.Optional;

/** Creates and removes the directories of runs in a {@link SandboxLayout}. */
public final class Sandboxes {

    /** The file the task's standard output is appended to. */
    public static final String STDOUT = "stdout";
    /** The file the task's standard error is appended to. */
    public static final String STDERR = "stderr";

    private final SandboxLayout layout;

    /** Creates the sandbox manager for one work directory. */
    public Sandboxes(SandboxLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** Returns the layout. */
    public SandboxLayout layout() {
        return layout;
    }

    /**
     * Creates a run's sandbox with empty {@code stdout}/{@code stderr}, its meta run and pids directories, and points
     * both {@code runs/latest} links at it; returns the sandbox.
     *
     * @param user when present, the sandbox and its log files are handed to this user so the task can write there
     */
    public Path create(RunKey key, Optional<String> user) {
        Path sandbox = layout.sandbox(key);
        try {
            Files.createDirectories(sandbox);
            for (String name : new String[] {STDOUT, STDERR}) {
                if (!Files.exists(sandbox.resolve(name))) {
                    Files.createFile(sandbox.resolve(name));
                }
            }
            Files.createDirectories(layout.pidsDir(key));
            pointLatest(layout.latestSandboxLink(key), key.containerId());
            pointLatest(layout.latestMetaRunLink(key), key.containerId());
            if (user.isPresent()) {
                chown(sandbox, user.get());
                chown(sandbox.resolve(STDOUT), user.get());
                chown(sandbox.resolve(STDERR), user.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sandbox " + sandbox, e);
        }
        return sandbox;
    }

    /** Deletes a run's sandbox and everything in it (garbage collection); symlinks are removed, not followed. */
    public void deleteSandbox(RunKey key) {
        deleteTree(layout.sandbox(key));
    }

    /** Deletes a run's checkpoint directory (after its terminal updates were acknowledged). */
    public void deleteMeta(RunKey key) {
        deleteTree(layout.metaRunDir(key));
    }

    // Replace the link atomically (create aside, rename over) so a reader never sees it missing.
    private static void pointLatest(Path link, String target) throws IOException {
        Path tmp = link.resolveSibling(SandboxLayout.LATEST + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(target));
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void chown(Path path, String user) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(lookup.lookupPrincipalByName(user));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
