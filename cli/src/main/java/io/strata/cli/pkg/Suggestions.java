package io.strata.cli.pkg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The package names closest to a mistyped one, for "did you mean" hints: names that contain it (or it them) come
 * first, then the others by Damerau-Levenshtein distance (a swap of two neighbours counts once), ties by name. A
 * name is close when that distance is at most a third of the longer name, and at least 2.
 */
public final class Suggestions {
    /** How many names a hint shows. */
    public static final int DEFAULT_LIMIT = 3;

    private Suggestions() {
    }

    /** Up to {@code limit} close names, closest first. */
    public static List<String> closest(String wanted, Collection<String> names, int limit) {
        String target = wanted.toLowerCase(Locale.ROOT);
        record Candidate(String name, boolean contains, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.equals(wanted)) {
                continue;
            }
            boolean contains = !target.isEmpty() && (lower.contains(target) || target.contains(lower));
            int distance = distance(target, lower);
            int allowed = Math.max(2, Math.max(target.length(), lower.length()) / 3);
            if (contains || distance <= allowed) {
                candidates.add(new Candidate(name, contains, distance));
            }
        }
        return candidates.stream()
                .sorted(Comparator.comparing((Candidate c) -> !c.contains()).thenComparingInt(Candidate::distance)
                        .thenComparing(Candidate::name))
                .limit(limit).map(Candidate::name).distinct().toList();
    }

    /**
     * The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of adjacent
     * characters each cost 1. Example: ngnix -> nginx is 1 (one swap), redsi -> redis is 1.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
