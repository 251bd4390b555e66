/**
 * Label and field selectors as upstream parses them: equality-based ({@code a=b}, {@code a!=b}) and set-based
 * ({@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}) requirements, combined with AND.
 */
package io.strata.kubernetes.selector;
