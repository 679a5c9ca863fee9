package market.registry.service;

import static market.registry.service.RegistryServiceTestBase.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeUserKey;
import market.platform.crypto.abe.UserKeyDelivery;
import market.platform.signing.Wallet;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new registry-service context on the same broker and data folder rebuilds the DataShare
 * state by replay: a provider's master key (sealed, and still opened by the custody key), its
 * product and its abekey-orders read back the same, and the rules see the same history.
 */
class DataShareRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewContextRebuildsTheProvidersKeysProductAndKeyOrders() {
        Wallet provider = Wallet.create();
        Wallet buyer = Wallet.create();
        String productId = RegistryServiceTestBase.uniqueName("restart");
        List<String> before;
        String masterId;
        try (ConfigurableApplicationContext first = RegistryContexts.start(dataDir, "datashare-restart")) {
            SignedHttp http = RegistryContexts.http(first);
            masterId = expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200).json().get("masterId")
                    .stringValue();
            expect(http.post(provider, "/v1/datashare/dataset",
                    DataShareServiceTest.publishBody(provider, productId, "abe")), 201);
            apply(http, provider, buyer, "k-1");
            expect(http.post(provider, "/v1/datashare/abekey-orders/authorize", Map.of("consumer", buyer.address(),
                    "orderSeq", "k-1", "approve", true)), 200);
            apply(http, provider, buyer, "k-2");
            before = views(http, provider, buyer, productId);
        }

        try (ConfigurableApplicationContext second = RegistryContexts.start(dataDir, "datashare-restart")) {
            SignedHttp http = RegistryContexts.http(second);
            assertThat(views(http, provider, buyer, productId)).isEqualTo(before);
            // the same history: the product is published, k-1 decided, the master key the same one
            assertThat(expect(http.post(provider, "/v1/datashare/dataset",
                    DataShareServiceTest.publishBody(provider, productId, "abe")), 409).errorCode())
                    .isEqualTo("REGISTRY.PRODUCT_EXISTS");
            assertThat(expect(http.post(provider, "/v1/datashare/abekey-orders/authorize", Map.of("consumer",
                    buyer.address(), "orderSeq", "k-1", "approve", true)), 409).errorCode())
                    .isEqualTo("REGISTRY.ORDER_DECIDED");
            assertThat(expect(http.post(provider, "/v1/datashare/abe-setup", Map.of()), 200).json().get("masterId")
                    .stringValue()).isEqualTo(masterId);
            // and the sealed master key still opens: k-2 is issued from it, and the buyer opens that key
            expect(http.post(provider, "/v1/datashare/abekey-orders/authorize", Map.of("consumer", buyer.address(),
                    "orderSeq", "k-2", "approve", true)), 200);
            var own = expect(http.signed(buyer, "GET", "/v1/datashare/abekey-orders/" + provider.address() + "/k-2",
                    new byte[0]), 200).json();
            AbeUserKey key = AbeUserKey.decode(buyer.decrypt(Hashes.fromHex(own.get("sealedUserKey").stringValue()),
                    UserKeyDelivery.context(provider.address(), buyer.address(), "k-2")));
            assertThat(Hashes.toHex0x(key.masterId())).isEqualTo(masterId);
        }
    }

    private static void apply(SignedHttp http, Wallet provider, Wallet buyer, String orderSeq) {
        expect(http.post(buyer, "/v1/datashare/abekey-orders", Map.of("provider", provider.address(), "orderSeq",
                orderSeq, "buyer_key", Hashes.toHex0x(buyer.publicKey()), "attributes",
                List.of(Map.of("name", "att3", "type", "comparable", "value", "17")))), 201);
    }

    /** The provider's keys, its product, its abekey-orders and the buyer's own order, as the views answer them. */
    private static List<String> views(SignedHttp http, Wallet provider, Wallet buyer, String productId) {
        List<String> views = new ArrayList<>();
        views.add(expect(http.get("/v1/datashare/abe-setup/" + provider.address()), 200).body());
        views.add(expect(http.get("/v1/datashare/dataset?provider=" + provider.address() + "&productID=" + productId),
                200).body());
        views.add(expect(http.get("/v1/datashare/abekey-orders?provider=" + provider.address()), 200).body());
        views.add(expect(http.signed(buyer, "GET", "/v1/datashare/abekey-orders/" + provider.address() + "/k-1",
                new byte[0]), 200).body());
        return views;
    }
}
