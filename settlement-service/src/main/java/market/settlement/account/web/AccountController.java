package market.settlement.account.web;

import java.time.Clock;
import java.util.Set;
import market.platform.crypto.Addresses;
import market.platform.ids.Ids;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.platform.web.SignatureVerifier;
import market.settlement.SettlementAggregates;
import market.settlement.account.view.AccountQueries;
import market.settlement.account.view.AccountView;
import market.settlement.command.Deposit;
import market.settlement.command.Withdraw;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Deposits (signed by the operator key: the bridge from the payment rail), withdrawals (signed by
 * the owner), balances, ledger entries and the conservation totals. Each signed request becomes
 * one command on {@code settlement.commands} keyed by the account.
 */
@RestController
class AccountController {

    private static final Set<String> DEPOSIT_FIELDS = Set.of("amount", "deposit_ref");
    private static final Set<String> WITHDRAW_FIELDS = Set.of("amount");

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final AccountQueries queries;
    private final Clock clock;
    private final String operator;

    AccountController(SignatureVerifier verifier, CommandGateway gateway, AccountQueries queries, Clock clock,
            @Value("${market.settlement.operator-address}") String operator) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.clock = clock;
        this.operator = Addresses.normalize(operator);
    }

    @PostMapping("/v1/accounts/{account}/deposits")
    Mono<AccountView> deposit(ServerHttpRequest request, @PathVariable String account,
            @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        if (!signed.signer().equals(operator)) {
            throw new ApiException(403, "SETTLEMENT.NOT_OPERATOR", "deposits are signed by the operator key");
        }
        String id = account(account);
        JsonInput json = JsonInput.object(body, DEPOSIT_FIELDS);
        Deposit command = new Deposit(signed.signer(), signed.nonce(), clock.instant(), id, json.amount("amount"),
                json.string("deposit_ref"));
        return gateway.send(id, command, signed).map(reply -> queries.account(id));
    }

    @PostMapping("/v1/accounts/{account}/withdrawals")
    Mono<AccountView> withdraw(ServerHttpRequest request, @PathVariable String account,
            @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        String id = account(account);
        JsonInput json = JsonInput.object(body, WITHDRAW_FIELDS);
        Withdraw command = new Withdraw(signed.signer(), signed.nonce(), clock.instant(), id, json.amount("amount"),
                Ids.derive("withdrawal", signed.signer(), signed.once()));
        return gateway.send(id, command, signed).map(reply -> queries.account(id));
    }

    @GetMapping("/v1/accounts/{account}")
    AccountView show(@PathVariable String account) {
        return queries.account(account(account));
    }

    @GetMapping("/v1/accounts/{account}/entries")
    AccountQueries.Page entries(@PathVariable String account, @RequestParam(defaultValue = "0") String page,
            @RequestParam(defaultValue = "20") String size) {
        return queries.entries(account(account), Params.boundedInt("page", page, 0, 1_000_000),
                Params.boundedInt("size", size, 1, 100));
    }

    @GetMapping("/v1/treasury")
    AccountView treasury() {
        return queries.account(SettlementAggregates.TREASURY);
    }

    @GetMapping("/v1/ledger")
    AccountQueries.Totals ledger() {
        return queries.totals();
    }

    /** An address in its canonical form, or the treasury's name. */
    private static String account(String account) {
        if (SettlementAggregates.TREASURY.equals(account)) {
            return account;
        }
        if (!Addresses.isAddress(account)) {
            throw ApiException.badRequest("REQUEST.INVALID_PARAMETER",
                    "account must be 0x and 40 hex digits, or " + SettlementAggregates.TREASURY);
        }
        return Addresses.normalize(account);
    }
}
