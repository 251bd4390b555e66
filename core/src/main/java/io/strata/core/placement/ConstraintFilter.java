package io.strata.core.placement;

import io.strata.core.resources.Scalar;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks Marathon constraints (spec section 2.2) against a candidate and the instance counts of the run.
 *
 * <p>If the agent lacks the field, every operator except UNLIKE rejects. Per operator, with {@code v} the
 * candidate's value and {@code counts} the instances of the request's group per value:
 * <ul>
 *   <li>UNIQUE: {@code counts[v] == 0};</li>
 *   <li>CLUSTER: {@code v} equals the operand; without one, every placed instance has value {@code v};</li>
 *   <li>GROUP_BY n: an unseen {@code v} fits; a seen one fits only when at least n values are seen and
 *       {@code counts[v]} is the minimum (Marathon's {@code checkGroupBy});</li>
 *   <li>LIKE / UNLIKE: the regular expression fully matches / does not match {@code v};</li>
 *   <li>MAX_PER n: {@code counts[v] < n};</li>
 *   <li>IS: {@code v} equals the operand; if both are numbers, to three decimals ({@code 0.8} IS {@code 0.80}).</li>
 * </ul>
 * Rejections read {@code didn't match constraint hostname:UNIQUE}. This filter is thread-safe.
 */
public final class ConstraintFilter implements PlacementFilter {

    /** Prefix of every rejection reason, followed by the constraint in {@code field:OPERATOR[:value]} form. */
    public static final String DID_NOT_MATCH = "didn't match constraint ";

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "constraints";
    }

    @Override
    public Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        for (PlacementConstraint constraint : request.constraints()) {
            if (!holds(constraint, request.group(), candidate, context)) {
                return Verdict.rejected(DID_NOT_MATCH + constraint);
            }
        }
        return Verdict.FITS;
    }

    /** Returns true if {@code constraint} allows one more instance of {@code group} on {@code candidate}. */
    boolean holds(PlacementConstraint constraint, String group, Candidate candidate, PlacementContext context) {
        String value = candidate.fieldValue(constraint.field());
        if (value == null) {
            return constraint.operator() == PlacementConstraint.Operator.UNLIKE;
        }
        return switch (constraint.operator()) {
            case UNIQUE -> count(context, group, constraint, value) == 0;
            case CLUSTER -> cluster(constraint, context.valueCounts(group, constraint.field()), value);
            case GROUP_BY -> groupBy(constraint.countValue(), context.valueCounts(group, constraint.field()), value);
            case LIKE -> pattern(constraint.value()).matcher(value).matches();
            case UNLIKE -> !pattern(constraint.value()).matcher(value).matches();
            case MAX_PER -> count(context, group, constraint, value) < constraint.countValue();
            case IS -> is(value, constraint.value());
        };
    }

    private static int count(PlacementContext context, String group, PlacementConstraint constraint, String value) {
        return context.valueCounts(group, constraint.field()).getOrDefault(value, 0);
    }

    private static boolean cluster(PlacementConstraint constraint, Map<String, Integer> counts, String value) {
        if (constraint.value() != null) {
            return constraint.value().equals(value);
        }
        return counts.isEmpty() || (counts.size() == 1 && counts.containsKey(value));
    }

    private static boolean groupBy(int expectedValues, Map<String, Integer> counts, String value) {
        Integer current = counts.get(value);
        if (current == null) {
            return true;
        }
        int minimum = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return counts.size() >= expectedValues && current == minimum;
    }

    private static boolean is(String value, String operand) {
        if (DECIMAL.matcher(value).matches() && DECIMAL.matcher(operand).matches()) {
            return Scalar.parse(value).equals(Scalar.parse(operand));
        }
        return value.equals(operand);
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }
}
