/**
 * Output formatting, separate from the commands: a {@link io.strata.cli.output.Table} of strings rendered by
 * {@link io.strata.cli.output.TablePrinter}, pretty JSON by {@link io.strata.cli.output.JsonOutput}, and the
 * number and map formats shared by the tables ({@link io.strata.cli.output.Formats}).
 */
package io.strata.cli.output;
