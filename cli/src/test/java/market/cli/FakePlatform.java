package market.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import market.platform.signing.Wallet;

/**
 * The fixture of the order, deal and key commands: a wallet saved in a home folder, and a fake
 * registry and order service that {@link #market} points the command line at. A dataset can be
 * put on the registry by data_id and address, as {@code GET /v1/data/{x}} answers them.
 */
final class FakePlatform implements AutoCloseable {

    final Wallet wallet = Wallet.create();
    final FakeService registry;
    final FakeService order;
    private final Path home;

    FakePlatform(Path home) throws IOException {
        this.home = home;
        TestWallets.save(wallet, home);
        registry = FakeService.answering(500, "");
        order = FakeService.answering(500, "");
    }

    /** Makes the registry show data {@code dataId}, on sale at {@code address}, by either name. */
    FakePlatform dataset(long dataId, String address) {
        FakeService.Answer view = FakeService.reply(200, "{\"data_id\":" + dataId + ",\"address\":\"" + address
                + "\",\"provider\":\"" + wallet.address() + "\",\"status\":0,\"status_name\":\"ON_SALE\"}");
        registry.on("GET", "/v1/data/" + dataId, view).on("GET", "/v1/data/" + address, view);
        return this;
    }

    CliRun market(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--url", registry.url(),
                "--order-url", order.url()));
        all.addAll(List.of(args));
        return CliRun.market(all.toArray(String[]::new));
    }

    @Override
    public void close() {
        registry.close();
        order.close();
    }
}
