package market.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands, such as {@code market data}. Run on its own it is a
 * usage error (exit 2) that names the subcommands to choose from.
 */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
