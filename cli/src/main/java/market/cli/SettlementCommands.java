package market.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The settlement service's platform-wide reads, top-level commands of {@code market}:
 * {@code ledger} shows the conservation totals (all balances plus what is in flight, against
 * deposits minus withdrawals) and {@code treasury} the treasury's account, {@code osb.trader}.
 * Neither is signed.
 */
final class SettlementCommands {

    private SettlementCommands() {}

    /** A command that prints the settlement service's answer to one GET. */
    abstract static class Read implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        Market market;

        private final String path;

        Read(String path) {
            this.path = path;
        }

        @Override
        public Integer call() {
            return market.run(spec, out -> Market.print(out, market.settlement().get(path)));
        }
    }

    @Command(name = "ledger", description = "Show settlement's totals: deposits, withdrawals, balances, "
            + "and whether the balances plus what is in flight equal deposits minus withdrawals.")
    static final class Ledger extends Read {
        Ledger() {
            super("/v1/ledger");
        }
    }

    @Command(name = "treasury", description = "Show the treasury account osb.trader.")
    static final class Treasury extends Read {
        Treasury() {
            super("/v1/treasury");
        }
    }
}
