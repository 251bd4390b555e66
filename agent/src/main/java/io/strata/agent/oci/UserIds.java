package io.strata.agent.oci;

import java.util.List;

/**
 * The numeric identity a container process runs with: {@code process.user} of the OCI spec.
 *
 * @param uid the user id
 * @param gid the primary group id
 * @param additionalGids supplementary groups (from {@code /etc/group} membership when the user was given by name)
 */
public record UserIds(long uid, long gid, List<Long> additionalGids) {

    /** The identity of root, used when the image sets no user. */
    public static final UserIds ROOT = new UserIds(0, 0, List.of());

    /** Validates the ids and copies the list. */
    public UserIds {
        if (uid < 0 || gid < 0 || uid > 0xFFFF_FFFEL || gid > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("uid and gid must be in 0..4294967294: " + uid + ":" + gid);
        }
        additionalGids = List.copyOf(additionalGids);
    }
}
