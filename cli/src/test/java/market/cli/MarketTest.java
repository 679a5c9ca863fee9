package market.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketTest {

    @TempDir
    Path home;

    @Test
    void aGroupWithoutSubcommandIsAUsageError() {
        CliRun run = CliRun.market("--home", home.toString(), "data");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing subcommand: choose one of").contains("Usage: market data");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.market("--home", home.toString(), "data", "begin", "--price", "2 OSB");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options").contains("Usage: market data begin");
    }

    @Test
    void aBadPriceIsAUsageError() {
        CliRun run = CliRun.market("--home", home.toString(), "data", "begin", "--type", "t", "--price", "2 EUR",
                "--period", "1", "--file", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--price'");
    }

    @Test
    void providerAndMineExcludeEachOther() {
        CliRun run = CliRun.market("--home", home.toString(), "data", "list", "--mine", "--provider", "0x01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRun run = CliRun.market("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--url", "--settlement-url", "--order-url", "--home", "wallet", "datatype",
                "data", "account", "ledger", "treasury", "order", "buy", "deal", "keys");
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        CliRun run = CliRun.market("--home", home.toString(), "--url", "ftp://host", "data", "show", "--id", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: --url ftp://host must look like http://host:port");
    }
}
