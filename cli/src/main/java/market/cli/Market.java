package market.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import market.platform.signing.Wallet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import tools.jackson.databind.JsonNode;

/**
 * The {@code market} command: how a person uses the platform from a shell. It holds the options
 * every subcommand inherits (registry, settlement, order and keeper service URLs, and the home folder with
 * the wallet and local dataset files) and runs each subcommand's action, turning a
 * {@link CliException} into {@code error: <message>} on stderr and exit code 1. Usage errors exit
 * with 2.
 */
@Command(name = "market", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Market.Version.class,
        description = "Client of the data marketplace: wallet, data types, datasets, OSB accounts, orders, deals, "
                + "released keys, keeper clusters, keepers, audits and rewards. State-changing requests are signed "
                + "with the wallet's key.",
        subcommands = {WalletCommands.class, DataTypeCommands.class, DataCommands.class, AccountCommands.class,
            SettlementCommands.Ledger.class, SettlementCommands.Treasury.class, OrderCommands.class,
            BuyCommand.class, DealCommands.class, KeysCommands.class, DataShareCommands.class,
            KeeperCommands.Clusters.class,
            KeeperCommands.Keepers.class, KeeperCommands.Audits.class, KeeperCommands.Rewards.class})
public final class Market extends CommandGroup {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:MARKET_REGISTRY_URL:-http://localhost:8081}",
            description = {"Registry service URL.", "Default: ${DEFAULT-VALUE} (env MARKET_REGISTRY_URL)."})
    String url;

    @Option(names = "--settlement-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:MARKET_SETTLEMENT_URL:-http://localhost:8082}",
            description = {"Settlement service URL.", "Default: ${DEFAULT-VALUE} (env MARKET_SETTLEMENT_URL)."})
    String settlementUrl;

    @Option(names = "--order-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:MARKET_ORDER_URL:-http://localhost:8083}",
            description = {"Order service URL.", "Default: ${DEFAULT-VALUE} (env MARKET_ORDER_URL)."})
    String orderUrl;

    @Option(names = "--keeper-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:MARKET_KEEPER_URL:-http://localhost:8084}",
            description = {"Keeper service URL.", "Default: ${DEFAULT-VALUE} (env MARKET_KEEPER_URL)."})
    String keeperUrl;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:MARKET_HOME:-${sys:user.home}/.market}",
            description = {"Folder of the wallet and local dataset files.",
                "Default: ${DEFAULT-VALUE} (env MARKET_HOME)."})
    Path home;

    @Option(names = "--passphrase-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = {"File whose first line is the wallet's passphrase.",
                "Default: env MARKET_PASSPHRASE, else a prompt on the terminal."})
    Path passphraseFile;

    private Wallet opened;

    /** What a subcommand does; it reports problems by throwing {@link CliException}. */
    @FunctionalInterface
    interface Action {
        void run(PrintWriter out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Market()).execute(args));
    }

    int run(CommandSpec spec, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            action.run(out);
            return CommandLine.ExitCode.OK;
        } catch (CliException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            out.flush();
        }
    }

    static void print(PrintWriter out, JsonNode answer) {
        if (answer != null) {
            out.println(Json.pretty(answer));
        }
    }

    /** Says on stderr what is not the answer, such as what a command is waiting for. */
    static void note(CommandSpec spec, String text) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(text);
        err.flush();
    }

    /** The home's keystore file, {@code wallet.json}, where {@code wallet create} writes. */
    Path walletFile() {
        return home.resolve(WalletFiles.KEYSTORE);
    }

    /** Where the passphrase of the home's keystore comes from. */
    WalletFiles.Passphrase passphrase() {
        return new WalletFiles.Passphrase(passphraseFile, true, "MARKET_PASSPHRASE", "the wallet in " + home);
    }

    /** The acting account's wallet, opened once per run (a keystore costs its key derivation). */
    Wallet wallet() {
        if (opened == null) {
            opened = WalletFiles.open(home, passphrase(), spec.commandLine().getErr(), "run `market wallet create`");
        }
        return opened;
    }

    ServiceClient registry() {
        return new ServiceClient("--url", "the registry", url);
    }

    ServiceClient settlement() {
        return new ServiceClient("--settlement-url", "the settlement service", settlementUrl);
    }

    ServiceClient order() {
        return new ServiceClient("--order-url", "the order service", orderUrl);
    }

    ServiceClient keeper() {
        return new ServiceClient("--keeper-url", "the keeper service", keeperUrl);
    }

    LocalRegistration localRegistration() {
        return new LocalRegistration(home.resolve("datasets"));
    }

    /** The version from the jar manifest, when running from the packaged jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Market.class.getPackage().getImplementationVersion();
            return new String[] {"market " + (version == null ? "(development build)" : version)};
        }
    }
}
