package io.strata.core.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A fixed-point scalar with three decimal digits, stored as a count of thousandths.
 *
 * <p>Mesos keeps three decimals; storing thousandths in a {@code long} makes addition and subtraction exact, so
 * repeated offer/recover cycles never drift. Finer input is rounded half-even to the nearest thousandth:
 * {@code Scalar.of(1.5123)} is {@code 1.512}, and {@code Scalar.of(0.1).plus(Scalar.of(0.2))} equals
 * {@code Scalar.of(0.3)} exactly (thousandths 100 + 200 = 300), unlike doubles.
 *
 * <p>A scalar may be negative as an intermediate difference; {@link Resource} requires non-negative values.
 *
 * @param thousandths the value times 1000
 */
public record Scalar(long thousandths) implements Value, Comparable<Scalar> {

    /** Zero. */
    public static final Scalar ZERO = new Scalar(0);

    private static final double MAX_ABS = Long.MAX_VALUE / 1000.0;

    /**
     * Returns the scalar nearest to {@code value}, rounded half-even to three decimals.
     *
     * @throws IllegalArgumentException if the value is NaN, infinite or beyond +/-9.2e15
     */
    public static Scalar of(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= MAX_ABS) {
            throw new IllegalArgumentException("scalar value " + value + " is not finite");
        }
        return new Scalar((long) Math.rint(value * 1000.0));
    }

    /** Returns the scalar for a whole number, e.g. {@code ofWhole(2)} is 2.000. */
    public static Scalar ofWhole(long value) {
        return new Scalar(Math.multiplyExact(value, 1000L));
    }

    /**
     * Parses a decimal such as {@code 24}, {@code 0.5} or {@code -1}, rounding half-even to three decimals
     * ({@code 1.5125} becomes {@code 1.512}).
     *
     * @throws NumberFormatException if the text is not a decimal number
     */
    public static Scalar parse(String text) {
        BigDecimal decimal = new BigDecimal(text.trim()).setScale(3, RoundingMode.HALF_EVEN);
        return new Scalar(decimal.unscaledValue().longValueExact());
    }

    /** Returns this plus {@code other}: 1.5 + 0.25 = 1.75. */
    public Scalar plus(Scalar other) {
        return new Scalar(Math.addExact(thousandths, other.thousandths));
    }

    /** Returns this minus {@code other}, possibly negative: 1.5 - 2 = -0.5. */
    public Scalar minus(Scalar other) {
        return new Scalar(Math.subtractExact(thousandths, other.thousandths));
    }

    /** Returns the value as a double (exact for every value below 2^53 thousandths). */
    public double asDouble() {
        return thousandths / 1000.0;
    }

    /** Returns true if the value has no fractional part. */
    public boolean isWhole() {
        return thousandths % 1000 == 0;
    }

    /** Returns true if the value is below zero. */
    public boolean isNegative() {
        return thousandths < 0;
    }

    @Override
    public String type() {
        return "SCALAR";
    }

    @Override
    public boolean isEmpty() {
        return thousandths == 0;
    }

    /** Returns the shortest decimal form: {@code 2}, {@code 0.5}, {@code 1.512}. */
    @Override
    public String text() {
        return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(Scalar other) {
        return Long.compare(thousandths, other.thousandths);
    }

    @Override
    public String toString() {
        return text();
    }
}
