package io.strata.agent.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The users and groups of an image ({@code /etc/passwd} and {@code /etc/group} of its rootfs), resolving an image's
 * {@code User} to numeric ids the way Docker does.
 *
 * <p>Accepted forms: empty (root), {@code name}, {@code uid}, {@code name:group}, {@code uid:gid} and mixtures. A
 * numeric uid needs no entry (its gid is then 0 unless given); a name must exist or resolution fails with a message
 * naming the user and the image file. Supplementary groups are added only when no group was given explicitly.
 */
public final class UserDatabase {

    /** An empty database: only numeric users resolve. */
    public static final UserDatabase EMPTY = new UserDatabase("", "");

    private record Passwd(String name, long uid, long gid) {
    }

    private record Group(String name, long gid, List<String> members) {
    }

    private final List<Passwd> users = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    /** Parses the contents of {@code /etc/passwd} and {@code /etc/group}; malformed lines are skipped. */
    public UserDatabase(String passwd, String group) {
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && !line.startsWith("#")) {
                parseId(fields[2]).ifPresent(uid -> parseId(fields[3])
                        .ifPresent(gid -> users.add(new Passwd(fields[0], uid, gid))));
            }
        }
        for (String line : group.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && !line.startsWith("#")) {
                List<String> members = fields.length > 3 && !fields[3].isBlank()
                        ? Arrays.stream(fields[3].split(",")).map(String::trim).toList() : List.of();
                parseId(fields[2]).ifPresent(gid -> groups.add(new Group(fields[0], gid, members)));
            }
        }
    }

    /**
     * Reads {@code etc/passwd} and {@code etc/group} of {@code rootfs}; a missing file counts as empty. A file whose
     * real path leaves the rootfs (an absolute symlink, which would point into the host) is refused.
     */
    public static UserDatabase read(Path rootfs) {
        return new UserDatabase(readInside(rootfs, "etc/passwd"), readInside(rootfs, "etc/group"));
    }

    /** Resolves an image or task {@code User} value; throws {@link OciException} for an unknown name. */
    public UserIds resolve(String user) {
        if (user.isBlank()) {
            return UserIds.ROOT;
        }
        int colon = user.indexOf(':');
        String userPart = colon < 0 ? user : user.substring(0, colon);
        Optional<String> groupPart = colon < 0 ? Optional.empty() : Optional.of(user.substring(colon + 1));
        Optional<Passwd> entry = parseId(userPart).map(uid -> users.stream().filter(p -> p.uid() == uid).findFirst()
                .orElse(new Passwd("", uid, 0))).or(() -> users.stream().filter(p -> p.name().equals(userPart))
                .findFirst());
        Passwd passwd = entry.orElseThrow(() -> new OciException(
                "unknown user '" + userPart + "': no such entry in the image's /etc/passwd"));
        if (groupPart.isPresent()) {
            return new UserIds(passwd.uid(), resolveGroup(groupPart.get()), List.of());
        }
        List<Long> supplementary = passwd.name().isEmpty() ? List.of() : groups.stream()
                .filter(g -> g.members().contains(passwd.name()) && g.gid() != passwd.gid())
                .map(Group::gid).distinct().toList();
        return new UserIds(passwd.uid(), passwd.gid(), supplementary);
    }

    private long resolveGroup(String group) {
        if (group.isEmpty()) {
            throw new OciException("invalid user: empty group after ':'");
        }
        return parseId(group).or(() -> groups.stream().filter(g -> g.name().equals(group)).map(Group::gid)
                .findFirst()).orElseThrow(() -> new OciException(
                "unknown group '" + group + "': no such entry in the image's /etc/group"));
    }

    private static Optional<Long> parseId(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long id = Long.parseLong(text);
        return id <= 0xFFFF_FFFEL ? Optional.of(id) : Optional.empty();
    }

    private static String readInside(Path rootfs, String relative) {
        Path file = rootfs.resolve(relative);
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return "";
            }
            Path real = file.toRealPath();
            if (!real.startsWith(rootfs.toRealPath())) {
                throw new OciException("image's /" + relative + " points outside its root filesystem: " + real);
            }
            return Files.readString(real);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new OciException("cannot read the image's /" + relative + ": " + e.getMessage(), e);
        }
    }
}
