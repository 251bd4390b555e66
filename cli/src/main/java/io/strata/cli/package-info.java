/**
 * The {@code strata} command: {@link io.strata.cli.StrataCli} builds the picocli tree, each subcommand is one
 * small class in a package per noun ({@code node}, {@code task}, {@code framework}, {@code execute}) that calls
 * the {@code client} module and hands rows to {@code output}. Errors become a message on stderr and an exit
 * code ({@link io.strata.cli.ExitCodes}). Depends on {@code api} and {@code client} only: no server code.
 */
package io.strata.cli;
