package io.strata.store.leader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One leader-election member znode, {@code json.info_<sequence>}, as Mesos names them.
 *
 * @param name the znode name
 * @param sequence the sequence number ZooKeeper appended
 */
record Member(String name, long sequence) {

    /** The label prefix of members whose data is JSON (Mesos 0.23+). */
    static final String PREFIX = "json.info_";

    /** Parses a child name; empty if it is not a member (other data lives beside the members). */
    static Optional<Member> parse(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String digits = name.substring(PREFIX.length());
        // ZooKeeper writes 10 digits; any 18 digits fit in a long, so parsing cannot overflow
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new Member(name, Long.parseLong(digits)));
    }

    /** Parses all members among {@code children}, ordered by sequence: the first one leads. */
    static List<Member> ordered(Collection<String> children) {
        List<Member> members = new ArrayList<>();
        for (String child : children) {
            parse(child).ifPresent(members::add);
        }
        members.sort(Comparator.comparingLong(Member::sequence));
        return members;
    }
}
