package market.cli;

import java.nio.file.Path;
import java.util.UUID;
import market.platform.crypto.Addresses;
import market.platform.money.Money;
import market.platform.signing.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market account}: OSB accounts on the settlement service. {@code show} and {@code entries}
 * read an account's balances and ledger entries without signing, by default the wallet's own;
 * {@code withdraw} is signed by the wallet, on its own account. {@code deposit} stands in for the
 * payment rail's bridge: the service takes deposits signed by the operator key only, so it signs
 * with the operator's wallet, and its deposit_ref makes a repeat change nothing.
 */
@Command(name = "account", description = "Show balances and ledger entries of OSB accounts; deposit and withdraw.")
final class AccountCommands extends CommandGroup {

    @ParentCommand
    Market market;

    @Command(name = "show", description = "Show an account's available, locked and total OSB.")
    int show(@Option(names = "--account", paramLabel = "ADDR", converter = AccountId.class,
            description = "The account (default: the wallet's address).") String account) {
        return market.run(spec, out -> Market.print(out, market.settlement().get(path(account))));
    }

    @Command(name = "entries", description = "List an account's ledger entries.")
    int entries(@Option(names = "--account", paramLabel = "ADDR", converter = AccountId.class,
                    description = "The account (default: the wallet's address).") String account,
            @Option(names = "--page", paramLabel = "P", description = "Page number, from 0.") Integer page,
            @Option(names = "--size", paramLabel = "K", description = "Page size, 1 to 100.") Integer size) {
        return market.run(spec, out -> {
            Query query = new Query().add("page", page).add("size", size);
            Market.print(out, market.settlement().get(query.after(path(account) + "/entries")));
        });
    }

    @Command(name = "withdraw", description = "Withdraw OSB from the wallet's own account (signed).")
    int withdraw(@Option(names = "--amount", required = true, paramLabel = "\"1.0000 OSB\"",
            converter = AmountConverter.class, description = "Amount of OSB, at most 4 decimals.") Money amount) {
        return market.run(spec, out -> {
            Wallet wallet = market.wallet();
            ObjectNode body = Json.object();
            body.put("amount", amount.format());
            Market.print(out, market.settlement().post(path(wallet.address()) + "/withdrawals", body, wallet));
        });
    }

    @Command(name = "deposit", description = "Credit OSB to an account, as the payment rail's bridge does "
            + "(signed by the operator key).")
    int deposit(@Option(names = "--to", paramLabel = "ADDR", converter = AccountId.class,
                    description = "The account to credit (default: the wallet's address).") String to,
            @Option(names = "--amount", required = true, paramLabel = "\"10.0000 OSB\"",
                    converter = AmountConverter.class, description = "Amount of OSB, at most 4 decimals.") Money amount,
            @Option(names = "--ref", paramLabel = "REF",
                    description = "deposit_ref: a deposit with a ref already used changes nothing "
                            + "(default: cli- and a random UUID).") String ref,
            @Option(names = "--operator-home", paramLabel = "DIR", defaultValue = "${env:MARKET_OPERATOR_HOME}",
                    description = {"Folder of the operator's wallet (a keystore opened with MARKET_OPERATOR_PASSPHRASE, "
                        + "or the launcher's plain wallet.properties).",
                        "Default: env MARKET_OPERATOR_HOME."}) Path operatorHome) {
        return market.run(spec, out -> {
            if (operatorHome == null) {
                throw new CliException("deposits are signed by the operator key: set --operator-home or "
                        + "MARKET_OPERATOR_HOME (the launcher keeps it in <data dir>/operator)");
            }
            // the operator's passphrase is its own, never the user's: MARKET_OPERATOR_PASSPHRASE or a prompt
            Wallet operator = WalletFiles.open(operatorHome, new WalletFiles.Passphrase(null, false,
                    "MARKET_OPERATOR_PASSPHRASE", "the operator's wallet in " + operatorHome), null,
                    "--operator-home or MARKET_OPERATOR_HOME must name the operator's folder "
                            + "(the launcher keeps it in <data dir>/operator)");
            String depositRef = ref == null ? "cli-" + UUID.randomUUID() : ref;
            ObjectNode body = Json.object();
            body.put("amount", amount.format());
            body.put("deposit_ref", depositRef);
            try {
                Market.print(out, market.settlement().post(path(to) + "/deposits", body, operator));
            } catch (ServiceClient.NoAnswer e) {
                throw new CliException(e.getMessage() + "; the deposit may have been recorded: repeat it with --ref "
                        + depositRef + ", which cannot count twice");
            }
            out.println("deposit_ref: " + depositRef);
        });
    }

    /** The account's resource path; a null account is the wallet's own. */
    private String path(String account) {
        return "/v1/accounts/" + (account == null ? market.wallet().address() : account);
    }

    /** Reads {@code --account} and {@code --to}: an address, in lower case, or the treasury's name. */
    static final class AccountId implements ITypeConverter<String> {
        private static final String TREASURY = "osb.trader";

        @Override
        public String convert(String value) {
            if (TREASURY.equals(value)) {
                return value;
            }
            if (!Addresses.isAddress(value)) {
                throw new TypeConversionException("an account is 0x and 40 hex digits, or " + TREASURY);
            }
            return Addresses.normalize(value);
        }
    }
}
