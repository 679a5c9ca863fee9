package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeUserKey;
import market.platform.signing.Wallet;
import market.schemas.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An attribute key sold at a price, through the CLI on the whole platform: the provider
 * authorizes it priced, settlement takes the price from the buyer and credits the provider, and
 * only then is the key made, issued and opened on the buyer's machine. A buyer who cannot pay
 * gets a failed order and no key, and nothing moves; no key of either is on a topic before it
 * is paid.
 */
class PricedAbeKeyEndToEndTest extends EndToEndTest {

    private static final String ATTRIBUTES = "[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"17\"}]";

    @Test
    void aPricedKeyIsIssuedOnlyOnceItsPriceIsPaid() throws Exception {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        Wallet poor = Wallet.create();
        flows.deposit(buyer.address(), "1.0000 OSB");
        flows.deposit(poor.address(), "0.1000 OSB");
        Path providerHome = Cli.home(provider);
        Path buyerHome = Cli.home(buyer);
        Path poorHome = Cli.home(poor);
        Cli.run(platform, providerHome, "datashare", "abe-setup");

        for (Path home : new Path[] {buyerHome, poorHome}) {
            Cli.run(platform, home, "datashare", "abekey", "apply", "--provider", provider.address(), "--order-seq",
                    "key-1", "--attributes", ATTRIBUTES, "--max-price", "0.4000 OSB");
        }
        // never more than the buyer signed to pay
        Cli.Result tooDear = Cli.exec(platform, providerHome, "datashare", "abekey", "authorize", "--consumer",
                buyer.address(), "--order-seq", "key-1", "--price", "0.4001 OSB");
        assertThat(tooDear.exit()).isNotZero();
        assertThat(tooDear.output()).contains("REGISTRY.PRICE_ABOVE_MAX");
        JsonNode priced = Cli.run(platform, providerHome, "datashare", "abekey", "authorize", "--consumer",
                buyer.address(), "--order-seq", "key-1", "--price", "0.4000 OSB").json();
        assertThat(priced.get("status").stringValue()).isIn("ready", "finished");
        assertThat(priced.get("price").stringValue()).isEqualTo("0.4000 OSB");
        Path keyFile = buyerHome.resolve("key-1.abekey");
        Cli.run(platform, buyerHome, "datashare", "abekey", "fetch", "--provider", provider.address(), "--order-seq",
                "key-1", "--out", keyFile.toString());
        AbeUserKey key = AbeUserKey.decode(Hashes.fromHex(Files.readString(keyFile).trim()));
        String masterId = platform.registry().get("/v1/datashare/abe-setup/" + provider.address()).expect(200).json()
                .get("masterId").stringValue();
        assertThat(Hashes.toHex0x(key.masterId())).isEqualTo(masterId);
        assertThat(key.components()).isNotEmpty();
        assertThat(flows.available(buyer.address())).isEqualTo(6_000);
        assertThat(flows.available(provider.address())).isEqualTo(4_000);

        Cli.run(platform, providerHome, "datashare", "abekey", "authorize", "--consumer", poor.address(), "--order-seq",
                "key-1", "--price", "0.4000 OSB");
        Cli.Result refused = Cli.exec(platform, poorHome, "datashare", "abekey", "fetch", "--provider",
                provider.address(), "--order-seq", "key-1", "--out", poorHome.resolve("key-1.abekey").toString());
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("is failed, not finished: insufficient funds");
        assertThat(Files.exists(poorHome.resolve("key-1.abekey"))).isFalse();
        assertThat(flows.available(poor.address())).isEqualTo(1_000);
        assertThat(flows.available(provider.address())).isEqualTo(4_000);

        // the poor buyer's order never carried a key on the provider's topic; the paid one did, once
        long issued = Flows.eventsOf(Topics.REGISTRY_EVENTS, provider.address()).stream()
                .filter(market.registry.event.AbeKeyIssued.class::isInstance)
                .map(market.registry.event.AbeKeyIssued.class::cast)
                .peek(e -> assertThat(e.getBuyer()).isEqualTo(buyer.address()))
                .count();
        assertThat(issued).isEqualTo(1);
        JsonNode failed = platform.registry().get("/v1/datashare/abekey-orders?provider=" + provider.address()
                + "&status=failed").expect(200).json();
        assertThat(failed.get("orders")).hasSize(1);
        assertThat(failed.get("orders").get(0).get("refusal").stringValue()).isEqualTo("insufficient funds");
    }
}
