/**
 * The {@code strata} executable: the client commands of the cli module plus the server commands that start
 * cluster processes ({@code up}, {@code master}, {@code agent}), and the fat jar's entry point.
 */
package io.strata.dist;
