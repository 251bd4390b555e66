package io.strata.cli.pkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** Asks a yes/no question on the terminal, as {@code dcos package install} did without {@code --yes}. */
final class Confirmation {
    private Confirmation() {
    }

    /**
     * Prints {@code question [yes/no]} and reads answers until one is yes/y or no/n (any case); end of input is no.
     */
    static boolean ask(String question, BufferedReader in, PrintStream out) {
        while (true) {
            out.print(question + " [yes/no] ");
            out.flush();
            String answer;
            try {
                answer = in.readLine();
            } catch (IOException e) {
                return false;
            }
            if (answer == null) {
                out.println();
                return false;
            }
            switch (answer.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "y", "yes" -> {
                    return true;
                }
                case "n", "no" -> {
                    return false;
                }
                default -> out.println("Please answer yes or no.");
            }
        }
    }
}
